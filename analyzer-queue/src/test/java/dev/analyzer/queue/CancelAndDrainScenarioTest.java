package dev.analyzer.queue;

import static dev.analyzer.queue.QueueTestSupport.cancelled;
import static dev.analyzer.queue.QueueTestSupport.request;
import static dev.analyzer.queue.QueueTestSupport.settings;
import static dev.analyzer.queue.QueueTestSupport.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.QueueTestSupport.CountingHandler;
import dev.analyzer.queue.testing.NatsServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Cancel and clean shutdown against a real nats-server. */
class CancelAndDrainScenarioTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();

  @TempDir
  Path dir;

  /** Runs until cancelled, then answers cancelled; remembers each signal's reason. */
  static final class UntilCancelled implements QueueHandler {
    final Map<String, String> reasons = new ConcurrentHashMap<>();
    final CountDownLatch started = new CountDownLatch(1);

    @Override
    public CompletableFuture<AnalysisResult> handle(AnalysisRequest request, ProgressSink progress,
        CancellationSignal cancel) {
      CompletableFuture<AnalysisResult> f = new CompletableFuture<>();
      cancel.onCancel(() -> {
        String reason = cancel.reason().orElseThrow();
        reasons.put(request.id(), reason);
        f.complete(cancelled(request, reason));
      });
      started.countDown();
      return f;
    }
  }

  @Test
  void cancellingARunningAnalysisStopsItsHandlerAndItEndsCancelled() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    UntilCancelled handler = new UntilCancelled();
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        QueueWorker worker = QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.STATIC).build()) {
      worker.start();
      AnalysisRequest r = request(AnalysisKind.STATIC);
      submitter.submit(r);
      assertThat(handler.started.await(20, TimeUnit.SECONDS)).isTrue();

      submitter.cancel(r, "user pressed stop");

      AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
      assertThat(result.status()).isEqualTo(ResultStatus.CANCELLED);
      await().atMost(Duration.ofSeconds(10)).until(() -> handler.reasons.containsKey(r.id()));
      assertThat(handler.reasons.get(r.id())).isEqualTo("cancelled by the caller: user pressed stop");
      await().atMost(Duration.ofSeconds(10)).until(() -> worker.inFlight() == 0);
    }
  }

  @Test
  void aRequestCancelledBeforeAnyWorkerTookItNeverRuns() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    CountingHandler handler = new CountingHandler("w");
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      AnalysisRequest r = request(AnalysisKind.AI);
      submitter.submit(r);

      assertThat(submitter.cancel(r, "not needed")).as("the cancelled result is the first").isTrue();

      try (QueueWorker worker = QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.AI).build()) {
        worker.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> c.management()
            .getStreamInfo(c.names().requestStream(AnalysisKind.AI)).getStreamState().getMsgCount() == 0);
      }
      assertThat(handler.runsOf(r.id())).isZero();
      assertThat(submitter.awaitResult(r.id()).get(10, TimeUnit.SECONDS).status()).isEqualTo(ResultStatus.CANCELLED);
      assertThat(submitter.cancel(r, "again")).as("a second cancel finds the result stored").isFalse();
    }
  }

  @Test
  void aWorkerHoldsNoMoreThanMaxConcurrentRequestsAndLeavesTheRestQueued() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    UntilCancelled stuck = new UntilCancelled();
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        QueueWorker worker = QueueWorker.builder(c).withHandler(stuck).withKind(AnalysisKind.STATIC)
            .withMaxConcurrent(2).build()) {
      for (int i = 0; i < 5; i++) {
        submitter.submit(request(AnalysisKind.STATIC));
      }

      worker.start();

      await().atMost(Duration.ofSeconds(20)).until(() -> worker.inFlight() == 2);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(QueueInspector.of(c).status())
          .filteredOn(k -> k.kind() == AnalysisKind.STATIC).singleElement()
          .satisfies(k -> {
            assertThat(k.inFlight()).isEqualTo(2);
            assertThat(k.pending()).isEqualTo(3);
          }));
      assertThat(stuck.reasons).isEmpty();
    }
  }

  @Test
  void drainHandsBackWhatIsStillRunningAndAnotherWorkerCompletesIt() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    UntilCancelled stuck = new UntilCancelled();
    CountingHandler other = new CountingHandler("other");
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      QueueWorker draining = QueueWorker.builder(c).withHandler(stuck).withKind(AnalysisKind.DYNAMIC).build();
      draining.start();
      AnalysisRequest r = request(AnalysisKind.DYNAMIC);
      submitter.submit(r);
      assertThat(stuck.started.await(20, TimeUnit.SECONDS)).isTrue();

      DrainOutcome outcome = draining.drain(Duration.ofMillis(200));

      assertThat(outcome).isEqualTo(new DrainOutcome(0, 1));
      assertThat(stuck.reasons.get(r.id())).isEqualTo("worker shutting down");
      try (QueueWorker worker = QueueWorker.builder(c).withHandler(other).withKind(AnalysisKind.DYNAMIC).build()) {
        worker.start();
        AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
        assertThat(result.status()).as("the handed-back handler's cancelled reply is not stored")
            .isEqualTo(ResultStatus.SUCCESS);
        assertThat(result.extra()).containsEntry("handled_by", "other");
      }
    }
  }

  @Test
  void drainLetsAnAnalysisThatFinishesWithinTheGraceStoreItsResult() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    CountDownLatch started = new CountDownLatch(1);
    QueueHandler quick = (req, progress, cancel) -> {
      started.countDown();
      return CompletableFuture.supplyAsync(() -> success(req, "quick"),
          CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
    };
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      QueueWorker worker = QueueWorker.builder(c).withHandler(quick).withKind(AnalysisKind.PERFORMANCE).build();
      worker.start();
      AnalysisRequest r = request(AnalysisKind.PERFORMANCE);
      submitter.submit(r);
      assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

      DrainOutcome outcome = worker.drain(Duration.ofSeconds(20));

      assertThat(outcome).isEqualTo(new DrainOutcome(1, 0));
      assertThat(submitter.findResult(r.id())).hasValueSatisfying(
          res -> assertThat(res.extra()).containsEntry("handled_by", "quick"));
    }
  }

  @Test
  void sigtermOnAWorkerProcessHandsBackWhatItHoldsAndExitsZero() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    CountingHandler survivor = new CountingHandler("survivor");
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        WorkerProcess worker = WorkerProcess.start(s, AnalysisKind.STATIC, "hang", 2, dir)) {
      AnalysisRequest a = request(AnalysisKind.STATIC);
      AnalysisRequest b = request(AnalysisKind.STATIC);
      submitter.submit(a);
      submitter.submit(b);
      await().atMost(Duration.ofSeconds(30)).until(() -> worker.started().size() == 2);

      int exit = worker.terminate(Duration.ofSeconds(30));

      assertThat(exit).isZero();
      assertThat(worker.lines("drained")).containsExactly("0 2");
      try (QueueWorker w = QueueWorker.builder(c).withHandler(survivor).withKind(AnalysisKind.STATIC).build()) {
        w.start();
        assertThat(submitter.awaitResult(a.id()).get(20, TimeUnit.SECONDS).extra()).containsEntry("handled_by", "survivor");
        assertThat(submitter.awaitResult(b.id()).get(20, TimeUnit.SECONDS).extra()).containsEntry("handled_by", "survivor");
      }
    }
  }
}
