package dev.analyzer.queue;

import static dev.analyzer.queue.QueueTestSupport.request;
import static dev.analyzer.queue.QueueTestSupport.settings;
import static dev.analyzer.queue.QueueTestSupport.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.QueueTestSupport.CountingHandler;
import dev.analyzer.queue.internal.QueueHeaders;
import dev.analyzer.queue.internal.ResultStore;
import dev.analyzer.queue.testing.NatsServerExtension;
import io.nats.client.api.MessageInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Submit, dedup, one result, restart, large results and progress against a real nats-server. */
class SubmitterScenarioTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();

  @Test
  void aDuplicatePublishIsDroppedAndTheAnalysisRunsOnce() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    CountingHandler handler = new CountingHandler("w1");
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      AnalysisRequest r = request(AnalysisKind.STATIC);

      SubmitReceipt first = submitter.submit(r);
      SubmitReceipt second = submitter.submit(r);

      assertThat(first.duplicate()).isFalse();
      assertThat(second.duplicate()).isTrue();
      assertThat(second.streamSequence()).isEqualTo(first.streamSequence());
      try (QueueWorker worker = QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.STATIC).build()) {
        worker.start();
        AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
        assertThat(result.correlationId()).isEqualTo(r.id());
        assertThat(result.status()).isEqualTo(ResultStatus.SUCCESS);
      }
      assertThat(handler.runsOf(r.id())).isEqualTo(1);
      assertThat(c.management().getStreamInfo(c.names().requestStream(AnalysisKind.STATIC)).getStreamState().getMsgCount())
          .as("the work queue is empty once the request is acked").isZero();
    }
  }

  @Test
  void aCopyPublishedAfterTheDuplicateWindowFindsTheStoredResultAndDoesNotRunAgain() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    CountingHandler handler = new CountingHandler("w1");
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        QueueWorker worker = QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.STATIC).build()) {
      worker.start();
      AnalysisRequest r = request(AnalysisKind.STATIC);
      submitter.submit(r);
      submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);

      // What a resumed batch publishes once the window has passed: same request, a Nats-Msg-Id the stream forgot.
      c.jetStream().publish(c.names().requestSubject(AnalysisKind.STATIC), c.codec().encodeToBytes(r),
          io.nats.client.PublishOptions.builder().messageId(r.id() + "-after-window").build());

      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> c.management()
          .getStreamInfo(c.names().requestStream(AnalysisKind.STATIC)).getStreamState().getMsgCount() == 0);
      assertThat(handler.runsOf(r.id())).isEqualTo(1);
      assertThat(c.management().getStreamInfo(c.names().resultsStream()).getStreamState().getMsgCount()).isEqualTo(1);
    }
  }

  @Test
  void theFirstStoredResultWinsForEveryReader() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      AnalysisRequest r = request(AnalysisKind.AI);
      ResultStore store = new ResultStore(c, "test");
      CompletableFuture<AnalysisResult> awaited = submitter.awaitResult(r.id());

      ResultStore.Outcome first = store.store(success(r, "first"));
      ResultStore.Outcome second = store.store(success(r, "second"));

      assertThat(first).isEqualTo(ResultStore.Outcome.STORED);
      assertThat(second).isEqualTo(ResultStore.Outcome.ALREADY_STORED);
      assertThat(awaited.get(10, TimeUnit.SECONDS).extra()).containsEntry("handled_by", "first");
      assertThat(submitter.findResult(r.id()).orElseThrow().extra()).containsEntry("handled_by", "first");
    }
  }

  @Test
  void aNewSubmitterProcessAwaitsAResultOfARequestAnEarlierOneSubmitted() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    AnalysisRequest r = request(AnalysisKind.DYNAMIC);
    try (QueueConnection c = QueueConnection.open(s, "submitter-1"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      submitter.submit(r);
    }
    CountingHandler handler = new CountingHandler("w");
    try (QueueConnection wc = QueueConnection.open(s, "worker");
        QueueWorker worker = QueueWorker.builder(wc).withHandler(handler).withKind(AnalysisKind.DYNAMIC).build()) {
      worker.start();
      try (QueueConnection c = QueueConnection.open(s, "submitter-2"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
        AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
        assertThat(result.correlationId()).isEqualTo(r.id());
      }
    }
    try (QueueConnection c = QueueConnection.open(s, "submitter-3"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      assertThat(submitter.awaitResult(r.id()).get(10, TimeUnit.SECONDS).status())
          .as("a result stored before the wait began is found at once").isEqualTo(ResultStatus.SUCCESS);
    }
    assertThat(handler.runsOf(r.id())).isEqualTo(1);
  }

  @Test
  void aLargeResultGoesToTheObjectStoreAndTheMessageHoldsTheReference() throws Exception {
    QueueSettings s = settings(NATS.url()).withObjectThreshold(4096).build();
    String big = "x".repeat(200_000);
    QueueHandler handler = (req, progress, cancel) -> CompletableFuture.completedFuture(new AnalysisResult(
        req.kind().resultType(), req.id(), "w", Instant.now(), ResultStatus.SUCCESS, null, null, Map.of("blob", big)));
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        QueueWorker worker = QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.STATIC).build()) {
      worker.start();
      AnalysisRequest r = request(AnalysisKind.STATIC);
      submitter.submit(r);

      AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);

      assertThat(result.extra().get("blob")).isEqualTo(big);
      MessageInfo stored = c.management().getLastMessage(c.names().resultsStream(), c.names().resultSubject(r.id()));
      assertThat(stored.getData()).isEmpty();
      String object = stored.getHeaders().getFirst(QueueHeaders.RESULT_OBJECT);
      assertThat(object).startsWith(r.id() + "/");
      assertThat(c.nats().objectStore(c.names().objectBucket()).getInfo(object).getSize()).isGreaterThan(200_000);
      assertThat(submitter.findResult(r.id()).orElseThrow().extra().get("blob")).isEqualTo(big);
    }
  }

  @Test
  void progressStreamsToTheCallerWhileTheAnalysisRuns() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    CountDownLatch listening = new CountDownLatch(1);
    QueueHandler handler = (req, progress, cancel) -> CompletableFuture.supplyAsync(() -> {
      await(listening);
      for (int i = 1; i <= 3; i++) {
        progress.send(ProgressUpdate.of(req.id(), "w", "step", "step " + i, i * 30.0, Instant.now()));
      }
      return success(req, "w");
    });
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        QueueWorker worker = QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.PERFORMANCE).build()) {
      worker.start();
      AnalysisRequest r = request(AnalysisKind.PERFORMANCE);
      List<ProgressUpdate> seen = new CopyOnWriteArrayList<>();
      try (AutoCloseable sub = submitter.onProgress(r.id(), seen::add)) {
        c.nats().flush(Duration.ofSeconds(5));
        listening.countDown();
        submitter.submit(r);
        submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
        c.nats().flush(Duration.ofSeconds(5));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
      }
      assertThat(seen).extracting(ProgressUpdate::message).containsExactly("step 1", "step 2", "step 3");
      assertThat(seen).allSatisfy(p -> assertThat(p.correlationId()).isEqualTo(r.id()));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
