package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.task.TaskState;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.Pong;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain path: progress streams to the listener, the result carries the request id. */
class SubmitTest {

  @TempDir
  Path root;

  @Test
  void progressReachesTheListenerBeforeTheResult() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      List<ProgressUpdate> progress = new CopyOnWriteArrayList<>();
      AnalysisRequest req = Services.request("quick");

      AnalysisHandle h = client.submit(req, progress::add);
      AnalysisResult r = (AnalysisResult) h.result().get(10, TimeUnit.SECONDS);

      assertThat(r.correlationId()).isEqualTo(req.id()).isEqualTo(h.id());
      assertThat(progress).extracting(ProgressUpdate::stage).containsExactly("tool_started", "tool_finished");
      assertThat(progress).extracting(ProgressUpdate::correlationId).containsOnly(req.id());
      assertThat(h.state()).isEqualTo(TaskState.COMPLETED);
    }
  }

  @Test
  void aRequestTheServiceRefusesComesBackAsItsErrorFrame() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisRequest outside = AnalysisRequest.builder(AnalysisKind.STATIC).withSourcePath("/etc").build();

      Message reply = client.submit(outside, null).result().get(10, TimeUnit.SECONDS);

      assertThat(reply).isInstanceOf(ErrorMessage.class);
      assertThat(((ErrorMessage) reply).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(ClientFailure.of(reply)).isEmpty();
    }
  }

  @Test
  void aClosedClientAnswersWithoutNetworkIo() throws Exception {
    AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), "ws://127.0.0.1:1").build();
    client.close();

    Message reply = client.submit(Services.request("quick"), null).result().get(1, TimeUnit.SECONDS);

    assertThat(ClientFailure.of(reply)).contains(ClientFailure.ERROR);
    assertThat(reply.extra().get("error")).isEqualTo("the client is closed");
  }

  @Test
  void aSettledRequestLeavesNoDeadlineBehind() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      int before = client.stats().armedTimers();

      for (int i = 0; i < 300; i++) {
        assertThat(client.ping(AnalysisKind.STATIC).get(10, TimeUnit.SECONDS)).isInstanceOf(Pong.class);
      }
      for (int i = 0; i < 5; i++) {
        client.submit(Services.request("quick"), null).result().get(10, TimeUnit.SECONDS);
      }

      // Each ping armed a deadline of ANALYZER_CONNECTION_TIMEOUT (60 s here) and each analysis one
      // of 480 s; none may linger. The timer wheel drops cancelled deadlines at its next 10 ms tick,
      // and a finished analysis keeps a 1 s fallback close, hence the short wait.
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
          assertThat(client.stats().armedTimers()).isLessThanOrEqualTo(before));
    }
  }

  @Test
  void aTaskIsRetiredBeforeItsCallerSeesTheResult() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      for (int i = 0; i < 50; i++) {
        AnalysisHandle h = client.submit(Services.request("quick"), null);

        h.result().get(10, TimeUnit.SECONDS);

        assertThat(client.stats().activeTasks()).as("active tasks right after result %d", i).isZero();
        assertThat(h.state()).isEqualTo(TaskState.COMPLETED);
      }
    }
  }
}
