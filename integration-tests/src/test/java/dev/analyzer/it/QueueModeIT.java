package dev.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.DeadLetter;
import dev.analyzer.queue.KindStatus;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueInspector;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueSubmitter;
import dev.analyzer.queue.testing.NatsServerExtension;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue mode with the real static service jar (issue 20, "Must be shown"): worker processes
 * started with {@code ANALYZER_QUEUE_URL} against a real {@code nats-server -js} share 1,000
 * analyses with none lost or run twice; a worker killed with {@code kill -9} while it holds
 * analyses has each redelivered and completed once elsewhere; poison requests end in the
 * dead-letter subject with their reason. Skipped when nats-server is not installed.
 */
class QueueModeIT {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path tmp;
  private final List<ServiceProcess> workers = new ArrayList<>();

  @AfterEach
  void stopWorkers() throws Exception {
    for (ServiceProcess w : workers) {
      List<Long> children = w.descendants();
      w.close();
      children.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  private QueueSettings queue(String prefix) {
    return QueueSettings.builder(NATS.url()).withPrefix(prefix).withAckWait(Duration.ofSeconds(3))
        .withNakDelay(Duration.ZERO).withMaxDeliver(3).build();
  }

  private Map<String, String> env(String prefix, int concurrency) {
    Map<String, String> env = new HashMap<>();
    env.put("ANALYZER_SOURCE_ROOTS", tmp.toString());
    env.put("ANALYZER_MAX_CONCURRENT_ANALYSES", Integer.toString(concurrency));
    env.put("ANALYZER_QUEUE_URL", NATS.url());
    env.put("ANALYZER_QUEUE_PREFIX", prefix);
    env.put("ANALYZER_QUEUE_ACK_WAIT", "3");
    env.put("ANALYZER_QUEUE_NAK_DELAY", "0");
    env.put("ANALYZER_QUEUE_MAX_DELIVER", "3");
    env.put("ANALYZER_SHUTDOWN_GRACE", "2");
    return env;
  }

  private ServiceProcess worker(String prefix, int concurrency) throws Exception {
    ServiceProcess w = ServiceProcess.start(ServiceProcess.freePort(), env(prefix, concurrency));
    workers.add(w);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> w.get("/ready").contains("\"status\":\"ready\""));
    return w;
  }

  /** Python enough for pylint to take a few seconds (Corpora.big takes minutes on a busy machine). */
  private static Path medium(Path dir) throws java.io.IOException {
    Path root = dir.resolve("medium");
    for (int i = 0; i < 8; i++) {
      Path f = java.nio.file.Files.createDirectories(root.resolve("pkg" + (i % 2))).resolve("m" + i + ".py");
      StringBuilder sb = new StringBuilder("import os\nimport sys\n\n");
      for (int k = 0; k < 40; k++) {
        sb.append("def f_").append(k).append("(x, y):\n    if x > y:\n        return os.path.join(str(x), str(y))\n")
            .append("    return sys.argv[0]\n\n");
      }
      java.nio.file.Files.writeString(f, sb.toString());
    }
    return root;
  }

  private static double metric(ServiceProcess w, String name) throws Exception {
    return w.metric(name);
  }

  @Test
  void thousandAnalysesOverThreeWorkerProcessesNoneLostNoneDuplicated() throws Exception {
    String prefix = NatsServerExtension.uniquePrefix();
    Path tiny = Corpora.tiny(tmp);
    // given three worker processes of the static service
    List<ServiceProcess> three = List.of(worker(prefix, 4), worker(prefix, 4), worker(prefix, 4));
    QueueSettings settings = queue(prefix);
    try (QueueConnection nats = QueueConnection.open(settings, "it submitter");
        QueueSubmitter submitter = QueueSubmitter.create(nats)) {
      // when 1,000 cheap analyses (the in-process secrets engine on a tiny app) are queued
      List<AnalysisRequest> requests = new ArrayList<>();
      List<CompletableFuture<?>> stored = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        AnalysisRequest r = Clients.request(tiny, i, "secrets");
        requests.add(r);
        stored.add(submitter.submitAsync(r));
      }
      CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      // then every one has exactly one successful result, its own
      Set<String> ids = new HashSet<>();
      for (AnalysisRequest r : requests) {
        AnalysisResult result = submitter.awaitResult(r.id()).get(2, TimeUnit.MINUTES);
        assertThat(result.correlationId()).isEqualTo(r.id());
        assertThat(result.status()).as("status of %s: %s", r.id(), result.error()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(ids.add(result.correlationId())).isTrue();
      }
      assertThat(ids).hasSize(1000);
      assertThat(nats.management().getStreamInfo(settings.names().resultsStream()).getStreamState().getMsgCount())
          .as("results stored").isEqualTo(1000);

      // and no analysis ran twice: the workers together started 1,000, each took a share
      double started = 0;
      double completed = 0;
      for (ServiceProcess w : three) {
        double mine = metric(w, "analyzer_analyses_started_total{type=\"static_analyze\"}");
        assertThat(mine).as("analyses of worker %s", w.pid()).isPositive();
        started += mine;
        completed += metric(w, "analyzer_queue_completed_total");
        assertThat(metric(w, "analyzer_queue_failed_total")).isZero();
      }
      assertThat(started).isEqualTo(1000.0);
      assertThat(completed).isEqualTo(1000.0);
      KindStatus status = QueueInspector.of(nats).status().stream().filter(k -> k.kind() == AnalysisKind.STATIC)
          .findFirst().orElseThrow();
      assertThat(status.pending()).isZero();
      assertThat(status.deadLettered()).isZero();
      await().atMost(WAIT).until(() -> QueueInspector.of(nats).status().stream()
          .filter(k -> k.kind() == AnalysisKind.STATIC).allMatch(k -> k.inFlight() == 0));
    }
  }

  @Test
  void aWorkerKilledWithAnalysesInFlightHasEachRedeliveredAndCompletedOnce() throws Exception {
    String prefix = NatsServerExtension.uniquePrefix();
    Path big = medium(tmp);
    QueueSettings settings = queue(prefix);
    // given a worker holding two slow analyses (pylint over a medium app)
    ServiceProcess doomed = worker(prefix, 2);
    try (QueueConnection nats = QueueConnection.open(settings, "it submitter");
        QueueSubmitter submitter = QueueSubmitter.create(nats)) {
      List<AnalysisRequest> slow = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        AnalysisRequest r = Clients.request(big, i, "pylint");
        slow.add(r);
        submitter.submit(r);
      }
      await().atMost(WAIT).until(() -> metric(doomed, "analyzer_queue_in_flight") == 2.0
          && metric(doomed, "analyzer_analyses_in_flight") == 2.0);
      ServiceProcess survivor = worker(prefix, 2);

      // when it is killed with kill -9
      List<Long> orphans = doomed.descendants();
      doomed.kill9();
      orphans.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      assertThat(slow).allSatisfy(r -> assertThat(submitter.findResult(r.id())).isEmpty());

      // then each analysis is redelivered to the other worker after AckWait and completes there, once
      for (AnalysisRequest r : slow) {
        AnalysisResult result = submitter.awaitResult(r.id()).get(3, TimeUnit.MINUTES);
        assertThat(result.correlationId()).isEqualTo(r.id());
        assertThat(result.status()).as("status of %s: %s", r.id(), result.error())
            .isIn(ResultStatus.SUCCESS, ResultStatus.PARTIAL);
      }
      assertThat(metric(survivor, "analyzer_queue_consumed_total")).isEqualTo(2.0);
      assertThat(metric(survivor, "analyzer_analyses_started_total{type=\"static_analyze\"}")).isEqualTo(2.0);
      assertThat(nats.management().getStreamInfo(settings.names().resultsStream()).getStreamState().getMsgCount())
          .isEqualTo(2);
    }
  }

  @Test
  void sigtermOnAWorkerHandsBackWhatItHoldsAndItExitsZero() throws Exception {
    String prefix = NatsServerExtension.uniquePrefix();
    Path app = medium(tmp);
    QueueSettings settings = queue(prefix);
    // given two workers (grace 2 s) sharing two analyses that take longer than the grace
    ServiceProcess a = worker(prefix, 2);
    ServiceProcess b = worker(prefix, 2);
    try (QueueConnection nats = QueueConnection.open(settings, "it submitter");
        QueueSubmitter submitter = QueueSubmitter.create(nats)) {
      List<AnalysisRequest> slow = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        AnalysisRequest r = Clients.request(app, i, "pylint");
        slow.add(r);
        submitter.submit(r);
      }
      await().atMost(WAIT).until(() -> metric(a, "analyzer_analyses_in_flight")
          + metric(b, "analyzer_analyses_in_flight") == 2.0);
      ServiceProcess draining = metric(a, "analyzer_queue_in_flight") >= 1 ? a : b;
      ServiceProcess other = draining == a ? b : a;
      int held = (int) metric(draining, "analyzer_queue_in_flight");

      // when one of them gets SIGTERM (through its handle: Process.destroy() would also close the
      // pipes, and its drain log with them)
      assertThat(draining.process().toHandle().destroy()).isTrue();

      // then it exits 0 having handed back what did not finish within the grace
      assertThat(draining.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(draining.process().exitValue()).isZero();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(String.join("\n", draining.output()))
          .contains("queue mode stopped"));
      java.util.regex.Matcher stopped = java.util.regex.Pattern
          .compile("queue mode stopped: (\\d+) finished while draining, (\\d+) handed back")
          .matcher(String.join("\n", draining.output()));
      assertThat(stopped.find()).isTrue();
      int handedBack = Integer.parseInt(stopped.group(2));
      assertThat(handedBack).isPositive().isLessThanOrEqualTo(held);

      // and each analysis completes once, never cancelled: the handed-back ones on the other worker
      for (AnalysisRequest r : slow) {
        AnalysisResult result = submitter.awaitResult(r.id()).get(3, TimeUnit.MINUTES);
        assertThat(result.status()).as("status of %s: %s", r.id(), result.error())
            .isIn(ResultStatus.SUCCESS, ResultStatus.PARTIAL);
      }
      assertThat(metric(other, "analyzer_queue_consumed_total")).as("its own and the ones handed back")
          .isEqualTo(2 - held + handedBack);
      assertThat(nats.management().getStreamInfo(settings.names().resultsStream()).getStreamState().getMsgCount())
          .isEqualTo(2);
    }
  }

  @Test
  void poisonRequestsLandInTheDeadLetterSubjectWithTheirReason() throws Exception {
    String prefix = NatsServerExtension.uniquePrefix();
    Path big = Corpora.big(tmp);
    QueueSettings settings = queue(prefix);
    ServiceProcess w = worker(prefix, 2);
    try (QueueConnection nats = QueueConnection.open(settings, "it submitter");
        QueueSubmitter submitter = QueueSubmitter.create(nats)) {
      // given a frame no worker can read
      Headers headers = new Headers().add("Nats-Msg-Id", "garbage-1");
      nats.jetStream().publish(settings.names().requestSubject(AnalysisKind.STATIC), headers,
          "{\"type\":\"static_analyze\",\"id\":".getBytes(StandardCharsets.UTF_8));

      // and a request the worker's handler fails on every delivery: its id is taken by a running
      // WebSocket analysis on the only worker
      AnalysisRequest slow = Clients.request(big, 1, "pylint");
      try (AnalyzerClient ws = Clients.client(Clients.settings(4, 100, Duration.ofSeconds(60), 1), w.url())) {
        AnalysisHandle running = ws.submit(slow, null);
        await().atMost(WAIT).until(() -> metric(w, "analyzer_analyses_in_flight") == 1.0);
        submitter.submit(AnalysisRequest.builder(AnalysisKind.STATIC).withId(slow.id())
            .withSourcePath(big.toString()).withTools(List.of("secrets")).build());

        // then both are dead-lettered with their reasons, the second after max_deliver (3) deliveries
        await().atMost(WAIT).until(() -> QueueInspector.of(nats).deadLetters(AnalysisKind.STATIC, 10).size() == 2);
        List<DeadLetter> dead = QueueInspector.of(nats).deadLetters(AnalysisKind.STATIC, 10);
        assertThat(dead).anySatisfy(d -> {
          assertThat(d.reason()).startsWith("unreadable request");
          assertThat(d.deliveries()).isEqualTo(1);
        });
        assertThat(dead).anySatisfy(d -> {
          assertThat(d.requestId()).isEqualTo(slow.id());
          assertThat(d.deliveries()).isEqualTo(3);
          assertThat(d.reason()).contains("delivery 3 of 3").contains("already running on this service");
        });
        assertThat(QueueInspector.of(nats).status().stream().filter(k -> k.kind() == AnalysisKind.STATIC)
            .findFirst().orElseThrow().deadLettered()).isEqualTo(2);
        // the caller of the dead-lettered request gets an error naming the reason
        AnalysisResult queued = submitter.awaitResult(slow.id()).get(30, TimeUnit.SECONDS);
        assertThat(queued.status()).isEqualTo(ResultStatus.ERROR);
        running.cancel();
      }
      assertThat(metric(w, "analyzer_queue_failed_total")).isEqualTo(3.0);
    }
  }
}
