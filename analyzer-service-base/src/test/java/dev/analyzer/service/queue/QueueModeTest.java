package dev.analyzer.service.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueSubmitter;
import dev.analyzer.queue.testing.NatsServerExtension;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.QueueModeSettings;
import dev.analyzer.service.testing.Pids;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue mode against a real nats-server: a service started with queue settings takes requests of
 * its kind from the queue and runs each exactly as a WebSocket analysis (source-root check,
 * progress, cancel with the process tree killed), and reports the queue in /health and /metrics.
 */
class QueueModeTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path root;
  private final ScriptedService service = new ScriptedService();
  private QueueSettings queue;
  private AnalyzerServer server;
  private QueueConnection client;
  private QueueSubmitter submitter;

  @BeforeEach
  void start() {
    queue = QueueSettings.builder(NATS.url()).withPrefix(NatsServerExtension.uniquePrefix())
        .withAckWait(Duration.ofSeconds(3)).withNakDelay(Duration.ZERO).withMaxDeliver(3).build();
    server = AnalyzerServer.builder(service).withSettings(Servers.settings(root)).withEventLoopThreads(2)
        .withQueue(QueueModeSettings.of(queue)).build().start();
    client = QueueConnection.open(queue, "test client");
    submitter = QueueSubmitter.create(client);
    await().atMost(WAIT).until(() -> Servers.get(server, "/ready").statusCode() == 200);
  }

  @AfterEach
  void stop() {
    service.gate.release(1000);
    server.close();
    submitter.close();
    client.close();
  }

  private static AnalysisRequest request(String mode, Map<String, Object> more) {
    Map<String, Object> config = new java.util.HashMap<>(more);
    config.put("mode", mode);
    return AnalysisRequest.builder(AnalysisKind.STATIC).withConfig(config).build();
  }

  @Test
  void aSubmittedRequestRunsLikeAWebSocketAnalysisAndItsResultAndProgressArrive() throws Exception {
    // given a listener on the progress of a quick request
    AnalysisRequest r = request("quick", Map.of());
    List<ProgressUpdate> progress = new CopyOnWriteArrayList<>();
    try (AutoCloseable listening = submitter.onProgress(r.id(), progress::add)) {
      // when it is submitted
      submitter.submit(r);

      // then the service ran it and its result arrives, with its finding and the service's tool report
      AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
      assertThat(result.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(result.correlationId()).isEqualTo(r.id());
      assertThat(result.service()).isEqualTo("scripted-analyzer");
      assertThat(result.analysis().findings()).hasSize(1);
      assertThat(result.analysis().extra()).containsKey("tools_available");
      await().atMost(WAIT).until(() -> progress.size() >= 2);
      assertThat(progress).extracting(ProgressUpdate::stage).contains("tool_started", "tool_finished");
    }
    assertThat(service.analyses.get()).isEqualTo(1);

    // and health and metrics count it, without the URL
    String health = Servers.get(server, "/health").body();
    assertThat(health).contains("\"queue\"").contains("\"state\":\"consuming\"").contains("\"connected\":true")
        .contains("\"consumed\":1").contains("\"completed\":1").contains("\"failed\":0")
        .doesNotContain(NATS.url());
    await().atMost(WAIT).until(() -> Servers.get(server, "/health").body().contains("\"in_flight\":0"));
    String metrics = Servers.get(server, "/metrics").body();
    assertThat(metrics).contains("analyzer_queue_connected 1.0").contains("analyzer_queue_consumed_total 1.0")
        .contains("analyzer_queue_completed_total 1.0");
  }

  @Test
  void aSourcePathOutsideTheRootsEndsInAnErrorResultNamingItAndNeverRuns() throws Exception {
    AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.STATIC).withSourcePath("/etc/passwd")
        .withConfig(Map.of("mode", "source")).build();

    submitter.submit(r);

    AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
    assertThat(result.error()).contains("/etc/passwd");
    assertThat(service.analyses.get()).isZero();
  }

  @Test
  void aSourcePathUnderTheRootsReachesTheAnalysisResolved() throws Exception {
    Path app = Files.createDirectories(root.resolve("apps/m/app1"));
    AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.STATIC).withSourcePath(app.toString())
        .withConfig(Map.of("mode", "source")).build();

    submitter.submit(r);

    AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(result.analysis().findings().get(0).evidence()).isEqualTo(app.toRealPath().toString());
  }

  @Test
  void cancellingARunningRequestKillsItsProcessTreeAndItEndsCancelled() throws Exception {
    // given a request running a process tree
    Path pidFile = root.resolve("pids");
    AnalysisRequest r = request("tree", Map.of("pid_file", pidFile.toString()));
    submitter.submit(r);
    await().atMost(WAIT).until(() -> Pids.readPids(pidFile).size() == 3);
    List<Long> pids = Pids.readPids(pidFile);

    // when the caller cancels it
    assertThat(submitter.cancel(r, "user pressed stop")).isTrue();

    // then the result is cancelled and every process of the tree is gone
    AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(ResultStatus.CANCELLED);
    await().atMost(WAIT).until(() -> pids.stream().noneMatch(Pids::exists));
    await().atMost(WAIT).until(() -> server.analysesInFlight() == 0);
  }

  @Test
  void aRequestPastItsDeadlineEndsTimeout() throws Exception {
    AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.STATIC).withTimeoutSeconds(1)
        .withConfig(Map.of("mode", "sleep")).build();

    submitter.submit(r);

    AnalysisResult result = submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(ResultStatus.TIMEOUT);
    assertThat(result.error()).contains("deadline");
  }

  @Test
  void aFrameThatIsNoAnalysisRequestIsDeadLetteredWithItsReason() throws Exception {
    String subject = queue.names().requestSubject(AnalysisKind.STATIC);

    client.jetStream().publish(subject, "{\"type\":\"no_such_type\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    await().atMost(WAIT).until(() -> dev.analyzer.queue.QueueInspector.of(client).status().stream()
        .anyMatch(k -> k.kind() == AnalysisKind.STATIC && k.deadLettered() == 1));
    assertThat(dev.analyzer.queue.QueueInspector.of(client).deadLetters(AnalysisKind.STATIC, 10))
        .singleElement().satisfies(d -> assertThat(d.reason()).contains("unreadable request"));
  }
}
