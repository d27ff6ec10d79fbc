package dev.analyzer.client.queue;

import static dev.analyzer.client.testing.QueueFleet.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.ClientStats;
import dev.analyzer.client.task.TaskState;
import dev.analyzer.client.testing.QueueFleet;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.QueueSubmitter;
import dev.analyzer.queue.testing.NatsServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queue mode end to end: {@code AnalyzerClient.submit()} through a real nats-server to a
 * {@code QueueWorker} running a test handler, with the WebSocket transport's replies, statuses,
 * dedup and cancel semantics.
 */
class QueueModeTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();

  @Test
  void theWorkersResultIsTheReplyOfSubmit() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url()); AnalyzerClient client = fleet.client().build()) {
      AnalysisRequest req = request("quick");

      AnalysisHandle h = client.submit(req, null);
      Message reply = h.result().get(20, TimeUnit.SECONDS);

      assertThat(reply).isInstanceOf(AnalysisResult.class);
      AnalysisResult r = (AnalysisResult) reply;
      assertThat(r.correlationId()).isEqualTo(req.id());
      assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(r.extra()).containsEntry("handled_by", "test-worker");
      assertThat(h.state()).isEqualTo(TaskState.COMPLETED);
      ClientStats.ReplicaStats queue = queueStats(client);
      assertThat(queue.url()).isEqualTo(NATS.url());
      assertThat(queue.breaker()).isEqualTo("connected");
      assertThat(queue.requests()).isEqualTo(1);
      assertThat(queue.failures()).isZero();
      assertThat(queue.inFlight()).isZero();
      assertThat(queue.latencyMillis()).isPositive();
      assertThat(client.stats().activeTasks()).isZero();
    }
  }

  @Test
  void twoIdenticalSubmitsShareOneAnalysisAndEachGetsItsOwnReply() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url()); AnalyzerClient client = fleet.client().build()) {
      AnalysisRequest first = request("hold");
      AnalysisRequest second = request("hold");

      AnalysisHandle a = client.submit(first, null);
      AnalysisHandle b = client.submit(second, null);
      assertThat(fleet.handler.started.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(client.stats().pendingRequests()).isEqualTo(1);
      fleet.handler.release();

      AnalysisResult ra = (AnalysisResult) a.result().get(20, TimeUnit.SECONDS);
      AnalysisResult rb = (AnalysisResult) b.result().get(20, TimeUnit.SECONDS);
      assertThat(a.isDeduplicated()).isFalse();
      assertThat(b.isDeduplicated()).isTrue();
      assertThat(ra.correlationId()).isEqualTo(first.id());
      assertThat(rb.correlationId()).isEqualTo(second.id());
      assertThat(rb.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(fleet.handler.totalRuns()).as("one remote analysis for both callers").isEqualTo(1);
      assertThat(fleet.handler.runsOf(first.id())).isEqualTo(1);
      assertThat(queueStats(client).requests()).isEqualTo(1);
    }
  }

  @Test
  void cancellingOneOfTwoSharedCallersLeavesTheAnalysisRunningForTheOther() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url()); AnalyzerClient client = fleet.client().build()) {
      AnalysisRequest first = request("hold");
      AnalysisHandle a = client.submit(first, null);
      AnalysisHandle b = client.submit(request("hold"), null);
      assertThat(fleet.handler.started.await(20, TimeUnit.SECONDS)).isTrue();

      a.cancel();

      assertThat(ClientFailure.of(a.result().get(5, TimeUnit.SECONDS))).contains(ClientFailure.CANCELLED);
      fleet.handler.release();
      Message rb = b.result().get(20, TimeUnit.SECONDS);
      assertThat(rb).as("a cancelled shared analysis would have stored 'cancelled'").isInstanceOf(AnalysisResult.class);
      assertThat(((AnalysisResult) rb).status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(fleet.handler.cancels).doesNotContainKey(first.id());
      assertThat(a.state()).isEqualTo(TaskState.CANCELLED);
    }
  }

  @Test
  void cancellingEverySharedCallerCancelsTheAnalysisOnTheWorker() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url()); AnalyzerClient client = fleet.client().build();
        QueueSubmitter inspector = fleet.inspector()) {
      AnalysisRequest first = request("hold");
      AnalysisHandle a = client.submit(first, null);
      AnalysisHandle b = client.submit(request("hold"), null);
      assertThat(fleet.handler.started.await(20, TimeUnit.SECONDS)).isTrue();

      a.cancel();
      b.cancel();

      assertThat(ClientFailure.of(a.result().get(5, TimeUnit.SECONDS))).contains(ClientFailure.CANCELLED);
      assertThat(ClientFailure.of(b.result().get(5, TimeUnit.SECONDS))).contains(ClientFailure.CANCELLED);
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.handler.cancels.containsKey(first.id()));
      assertThat(fleet.handler.cancels.get(first.id())).isEqualTo("cancelled by the caller: cancelled by the caller");
      assertThat(inspector.awaitResult(first.id()).get(10, TimeUnit.SECONDS).status()).isEqualTo(ResultStatus.CANCELLED);
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.workerInFlight() == 0);
    }
  }

  @Test
  void aPassedDeadlineIsTheTimeoutOfTheWebSocketTransportAndCancelsTheWorker() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url()); AnalyzerClient client = fleet.client().build()) {
      AnalysisRequest req = request("hold");

      AnalysisHandle h = client.submit(req, null, Duration.ofMillis(1500));
      Message reply = h.result().get(20, TimeUnit.SECONDS);

      assertThat(ClientFailure.of(reply)).contains(ClientFailure.TIMEOUT);
      assertThat(reply.extra().get("error")).isEqualTo("no reply within the deadline of 1.5 s");
      assertThat(h.state()).isEqualTo(TaskState.TIMED_OUT);
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.handler.cancels.containsKey(req.id()));
      assertThat(fleet.handler.cancels.get(req.id())).contains("no reply within the deadline of 1.5 s");
      assertThat(queueStats(client).failures()).isEqualTo(1);
    }
  }

  @Test
  void aSharedCallerWithAShorterDeadlineTimesOutAloneWhileTheAnalysisGoesOn() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url()); AnalyzerClient client = fleet.client().build()) {
      AnalysisRequest first = request("hold");
      AnalysisHandle a = client.submit(first, null, Duration.ofSeconds(60));
      AnalysisHandle b = client.submit(request("hold"), null, Duration.ofMillis(1000));

      Message rb = b.result().get(20, TimeUnit.SECONDS);
      fleet.handler.release();
      Message ra = a.result().get(20, TimeUnit.SECONDS);

      assertThat(b.isDeduplicated()).isTrue();
      assertThat(ClientFailure.of(rb)).contains(ClientFailure.TIMEOUT);
      assertThat(rb.extra().get("error")).isEqualTo("no reply within the deadline of 1.0 s (shared analysis goes on)");
      assertThat(((AnalysisResult) ra).status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(fleet.handler.cancels).doesNotContainKey(first.id());
      assertThat(fleet.handler.totalRuns()).isEqualTo(1);
    }
  }

  @Test
  void aPoisonRequestThatIsDeadLetteredIsAnErrorNamingTheReason() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url()); AnalyzerClient client = fleet.client().build()) {
      AnalysisRequest req = request("poison");

      AnalysisHandle h = client.submit(req, null);
      Message reply = h.result().get(30, TimeUnit.SECONDS);

      assertThat(ClientFailure.of(reply)).contains(ClientFailure.ERROR);
      assertThat(((dev.analyzer.core.protocol.ErrorMessage) reply).correlationId()).isEqualTo(req.id());
      assertThat((String) reply.extra().get("error")).startsWith("the queue gave the request up: dead-lettered after 3 deliveries")
          .contains("parser crashed on app1");
      assertThat(h.state()).isEqualTo(TaskState.FAILED);
      assertThat(fleet.handler.runsOf(req.id())).isEqualTo(3);
      assertThat(queueStats(client).failures()).isEqualTo(1);
    }
  }

  @Test
  void theProgressListenerReceivesTheWorkersProgress() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url()); AnalyzerClient client = fleet.client().build()) {
      AnalysisRequest req = request("progress");
      List<ProgressUpdate> seen = new CopyOnWriteArrayList<>();

      AnalysisHandle h = client.submit(req, u -> {
        seen.add(u);
        fleet.handler.progressSeen.countDown();
      });
      Message reply = h.result().get(20, TimeUnit.SECONDS);

      assertThat(reply).isInstanceOf(AnalysisResult.class);
      assertThat(seen).extracting(ProgressUpdate::message).containsExactly("step 1", "step 2", "step 3");
      assertThat(seen).extracting(ProgressUpdate::correlationId).containsOnly(req.id());
      assertThat(seen).extracting(ProgressUpdate::percent).containsExactly(30.0, 60.0, 90.0);
    }
  }

  @Test
  void closingTheClientCancelsWhatIsInFlightOnTheWorkers() throws Exception {
    try (QueueFleet fleet = QueueFleet.start(NATS.url())) {
      AnalysisRequest req = request("hold");
      AnalysisHandle h;
      try (AnalyzerClient client = fleet.client().build()) {
        h = client.submit(req, null);
        assertThat(fleet.handler.started.await(20, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(ClientFailure.of(h.result().get(5, TimeUnit.SECONDS))).contains(ClientFailure.CANCELLED);
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.handler.cancels.containsKey(req.id()));
    }
  }

  private static ClientStats.ReplicaStats queueStats(AnalyzerClient client) {
    return client.stats().replicas().stream().filter(r -> r.url().startsWith("nats://") && r.service().equals("static"))
        .findFirst().orElseThrow();
  }
}
