package dev.analyzer.client.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.QueueException;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Queue failures map onto the WebSocket transport's statuses; stored results pass unchanged. */
class QueueRepliesTest {

  private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
  private final AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).withSourcePath("/apps/x").build();

  @Test
  void aDeadLetterBecomesAnErrorNamingItsReason() {
    AnalysisResult dead = AnalysisResult.failed(req, "static-analyzer", NOW, ResultStatus.ERROR,
        "dead-lettered after 5 deliveries: the handler failed on delivery 5 of 5: parser crashed");

    Message reply = QueueReplies.fromResult(dead, req.id(), "static", NOW);

    assertThat(ClientFailure.of(reply)).contains(ClientFailure.ERROR);
    assertThat(reply.extra().get("error")).isEqualTo("the queue gave the request up: dead-lettered after 5 "
        + "deliveries: the handler failed on delivery 5 of 5: parser crashed");
  }

  @Test
  void anAnalysisThatRanAndFailedIsTheReplyUnchanged() {
    AnalysisResult failed = AnalysisResult.failed(req, "static-analyzer", NOW, ResultStatus.ERROR, "bandit crashed");
    AnalysisResult timedOut = AnalysisResult.failed(req, "static-analyzer", NOW, ResultStatus.TIMEOUT, "too slow");

    assertThat(QueueReplies.fromResult(failed, req.id(), "static", NOW)).isSameAs(failed);
    assertThat(QueueReplies.fromResult(timedOut, req.id(), "static", NOW)).isSameAs(timedOut);
  }

  @Test
  void notQueuedIsUnreachableAndALostWaitIsAnErrorBothWithTheInnermostMessage() {
    QueueException refused = new QueueException("cannot queue request r1 on analyzer.static.requests: stream full",
        new IOException("stream full"));

    Message notQueued = QueueReplies.notQueued(new CompletionException(refused), "r1", "static", NOW);
    Message lost = QueueReplies.lost(new CompletionException(new QueueException("the submitter was closed")), "r1",
        "static", NOW);

    assertThat(ClientFailure.of(notQueued)).contains(ClientFailure.UNREACHABLE);
    assertThat(notQueued.extra().get("error")).isEqualTo("cannot queue request r1 on analyzer.static.requests: stream full");
    assertThat(ClientFailure.of(lost)).contains(ClientFailure.ERROR);
    assertThat(lost.extra().get("error")).isEqualTo("the queue was lost while waiting for the result: the submitter was closed");
  }
}
