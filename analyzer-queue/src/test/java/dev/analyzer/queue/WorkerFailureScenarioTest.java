package dev.analyzer.queue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Dead workers, long analyses and poison requests against a real nats-server. */
class WorkerFailureScenarioTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();

  @TempDir
  Path dir;

  @Test
  void requestsHeldByAKilledWorkerAreRedeliveredAfterAckWaitAndCompletedOnce() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    CountingHandler survivor = new CountingHandler("survivor");
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        WorkerProcess doomed = WorkerProcess.start(s, AnalysisKind.STATIC, "hang", 3, dir)) {
      List<AnalysisRequest> requests = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        requests.add(request(AnalysisKind.STATIC));
        submitter.submit(requests.get(i));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> doomed.started().size() == 3);

      doomed.kill();

      try (QueueWorker worker = QueueWorker.builder(c).withHandler(survivor).withKind(AnalysisKind.STATIC).build()) {
        worker.start();
        for (AnalysisRequest r : requests) {
          AnalysisResult result = submitter.awaitResult(r.id()).get(30, TimeUnit.SECONDS);
          assertThat(result.extra()).containsEntry("handled_by", "survivor");
          assertThat(survivor.runsOf(r.id())).isEqualTo(1);
        }
      }
      assertThat(doomed.started()).containsExactlyInAnyOrderElementsOf(requests.stream().map(AnalysisRequest::id).toList());
    }
  }

  @Test
  void inProgressAcksKeepAnAnalysisLongerThanAckWaitFromBeingRedelivered() throws Exception {
    QueueSettings s = settings(NATS.url()).withAckWait(Duration.ofSeconds(1)).build();
    AtomicInteger runs = new AtomicInteger();
    QueueHandler slow = (req, progress, cancel) -> {
      runs.incrementAndGet();
      return CompletableFuture.supplyAsync(() -> success(req, "slow"),
          CompletableFuture.delayedExecutor(3500, TimeUnit.MILLISECONDS));
    };
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        QueueWorker a = QueueWorker.builder(c).withHandler(slow).withKind(AnalysisKind.AI).build();
        QueueWorker b = QueueWorker.builder(c).withHandler(slow).withKind(AnalysisKind.AI).build()) {
      a.start();
      b.start();
      AnalysisRequest r = request(AnalysisKind.AI);
      submitter.submit(r);

      AnalysisResult result = submitter.awaitResult(r.id()).get(30, TimeUnit.SECONDS);

      assertThat(result.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(runs).as("ran once although it took 3.5 x AckWait, with a second worker idle").hasValue(1);
      assertThat(c.management().getConsumerInfo(c.names().requestStream(AnalysisKind.AI), QueueNames.CONSUMER)
          .getDelivered().getConsumerSequence()).as("deliveries by the consumer").isEqualTo(1);
    }
  }

  @Test
  void aPoisonRequestIsDeadLetteredAfterMaxDeliverWithItsReason() throws Exception {
    QueueSettings s = settings(NATS.url()).withMaxDeliver(3).build();
    AtomicInteger runs = new AtomicInteger();
    QueueHandler poisoned = (req, progress, cancel) -> {
      runs.incrementAndGet();
      throw new IllegalStateException("parser crashed on app1");
    };
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        QueueWorker worker = QueueWorker.builder(c).withHandler(poisoned).withKind(AnalysisKind.STATIC).build()) {
      worker.start();
      AnalysisRequest r = request(AnalysisKind.STATIC);
      submitter.submit(r);

      AnalysisResult result = submitter.awaitResult(r.id()).get(30, TimeUnit.SECONDS);

      assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
      assertThat(result.error()).contains("dead-lettered after 3 deliveries").contains("parser crashed on app1");
      assertThat(runs).hasValue(3);
      List<DeadLetter> dead = QueueInspector.of(c).deadLetters(AnalysisKind.STATIC, 10);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).requestId()).isEqualTo(r.id());
      assertThat(dead.get(0).deliveries()).isEqualTo(3);
      assertThat(dead.get(0).reason())
          .isEqualTo("the handler failed on delivery 3 of 3: IllegalStateException: parser crashed on app1");
      assertThat(dead.get(0).request()).contains(r.id()).contains("static_analyze");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusOf(c, AnalysisKind.STATIC))
          .extracting(KindStatus::pending, KindStatus::inFlight, KindStatus::deadLettered).containsExactly(0L, 0L, 1L));
    }
  }

  @Test
  void anUnreadableRequestIsDeadLetteredWithoutRetries() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    CountingHandler handler = new CountingHandler("w");
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        QueueWorker worker = QueueWorker.builder(c).withHandler(handler).withKind(AnalysisKind.DYNAMIC).build()) {
      worker.start();
      c.jetStream().publish(c.names().requestSubject(AnalysisKind.DYNAMIC), "{\"type\":\"ping\"}".getBytes(),
          io.nats.client.PublishOptions.builder().messageId("bad-1").build());

      AnalysisResult result = submitter.awaitResult("bad-1").get(30, TimeUnit.SECONDS);

      assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
      List<DeadLetter> dead = QueueInspector.of(c).deadLetters(AnalysisKind.DYNAMIC, 10);
      assertThat(dead).singleElement().satisfies(d -> {
        assertThat(d.deliveries()).isEqualTo(1);
        assertThat(d.reason()).isEqualTo("unreadable request: a ping frame is not an analysis request");
      });
      assertThat(handler.runs).isEmpty();
    }
  }

  @Test
  void aRequestWhoseLastHolderIsKilledIsDeadLetteredThroughTheServerAdvisory() throws Exception {
    QueueSettings s = settings(NATS.url()).withMaxDeliver(1).build();
    CountingHandler survivor = new CountingHandler("survivor");
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c);
        WorkerProcess doomed = WorkerProcess.start(s, AnalysisKind.PERFORMANCE, "hang", 1, dir);
        QueueWorker worker = QueueWorker.builder(c).withHandler(survivor).withKind(AnalysisKind.PERFORMANCE)
            .withMaxConcurrent(1).build()) {
      await().atMost(Duration.ofSeconds(30)).until(doomed::ready);
      AnalysisRequest r = request(AnalysisKind.PERFORMANCE);
      submitter.submit(r);
      await().atMost(Duration.ofSeconds(30)).until(() -> doomed.started().size() == 1);
      worker.start();

      doomed.kill();

      AnalysisResult result = submitter.awaitResult(r.id()).get(30, TimeUnit.SECONDS);
      assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
      assertThat(result.error()).contains("no worker acknowledged it in 1 deliveries");
      assertThat(QueueInspector.of(c).deadLetters(AnalysisKind.PERFORMANCE, 10)).singleElement()
          .satisfies(d -> assertThat(d.requestId()).isEqualTo(r.id()));
      assertThat(survivor.runs).as("max_deliver 1 was used up by the killed worker").isEmpty();
      assertThat(c.management().getStreamInfo(c.names().requestStream(AnalysisKind.PERFORMANCE)).getStreamState()
          .getMsgCount()).as("removed from the work queue").isZero();
    }
  }

  private static KindStatus statusOf(QueueConnection c, AnalysisKind kind) {
    return QueueInspector.of(c).status().stream().filter(k -> k.kind() == kind).findFirst().orElseThrow();
  }
}
