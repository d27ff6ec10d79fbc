package dev.analyzer.service.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueSubmitter;
import dev.analyzer.queue.testing.NatsServerExtension;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.QueueModeSettings;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown in queue mode: the draining service stops taking requests and is not ready, an analysis
 * that finishes within the grace stores its result, and one still running when the grace ends is
 * handed back (never stored as cancelled) and completed once by another service.
 */
class QueueDrainTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path root;

  private AnalyzerServer start(ScriptedService service, QueueSettings queue, Duration grace) {
    return AnalyzerServer.builder(service).withEventLoopThreads(2)
        .withSettings(Servers.settings(root).withShutdownGrace(grace))
        .withQueue(QueueModeSettings.of(queue)).build().start();
  }

  @Test
  void drainingFinishesWhatEndsWithinTheGraceAndHandsTheRestToAnotherService() throws Exception {
    QueueSettings queue = QueueSettings.builder(NATS.url()).withPrefix(NatsServerExtension.uniquePrefix())
        .withAckWait(Duration.ofSeconds(3)).withNakDelay(Duration.ZERO).withMaxDeliver(5).build();
    ScriptedService first = new ScriptedService();
    ScriptedService second = new ScriptedService();
    AnalyzerServer a = start(first, queue, Duration.ofSeconds(3));
    try (QueueConnection c = QueueConnection.open(queue, "test client"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      await().atMost(WAIT).until(() -> Servers.get(a, "/ready").statusCode() == 200);
      // given one analysis that ends within the grace and one that never ends on the first service
      AnalysisRequest quickish = AnalysisRequest.builder(AnalysisKind.STATIC)
          .withConfig(Map.of("mode", "sleep", "millis", 1000)).build();
      AnalysisRequest held = AnalysisRequest.builder(AnalysisKind.STATIC).withConfig(Map.of("mode", "gated")).build();
      submitter.submit(quickish);
      submitter.submit(held);
      await().atMost(WAIT).until(() -> first.analyses.get() == 2);

      // when the first service drains
      CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> a.shutdown(Duration.ofSeconds(3)));
      await().atMost(WAIT).until(a::isDraining);
      assertThat(Servers.get(a, "/ready").statusCode()).isEqualTo(503);

      // then the analysis that ended within the grace has its result from the first service
      AnalysisResult r1 = submitter.awaitResult(quickish.id()).get(20, TimeUnit.SECONDS);
      assertThat(r1.status()).isEqualTo(ResultStatus.SUCCESS);
      drained.get(30, TimeUnit.SECONDS);
      assertThat(submitter.findResult(held.id())).isEmpty();

      // and the one handed back runs on a second service, once, and succeeds
      AnalyzerServer b = start(second, queue, Duration.ofSeconds(3));
      try {
        second.gate.release(10);
        AnalysisResult r2 = submitter.awaitResult(held.id()).get(30, TimeUnit.SECONDS);
        assertThat(r2.status()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(second.startOrder).containsExactly(held.id());
        assertThat(second.analyses.get()).isEqualTo(1);
      } finally {
        b.close();
      }
    } finally {
      first.gate.release(10);
      a.close();
    }
  }

  @Test
  void aServiceWhoseNatsIsDownStartsNotReadyRetriesAndServesWebSocketMeanwhile() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    QueueSettings queue = QueueSettings.builder("nats://someone:s3cr3t-pw@127.0.0.1:" + port)
        .withTimeout(Duration.ofMillis(500)).build();
    ScriptedService service = new ScriptedService();
    AnalyzerServer server = AnalyzerServer.builder(service).withEventLoopThreads(2)
        .withSettings(Servers.settings(root))
        .withQueue(QueueModeSettings.of(queue).withReconnectMax(Duration.ofSeconds(1))).build().start();
    try {
      // then it keeps trying, reports not ready and why, and never shows the password
      await().atMost(WAIT).until(() -> Servers.get(server, "/health").body().contains("\"connect_failures\":2"));
      var ready = Servers.get(server, "/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("queue: not consuming yet").doesNotContain("s3cr3t-pw");
      String health = Servers.get(server, "/health").body();
      assertThat(health).contains("\"state\":\"connecting\"").contains("\"connected\":false")
          .doesNotContain("s3cr3t-pw").doesNotContain("someone");
      assertThat(Servers.get(server, "/metrics").body()).contains("analyzer_queue_connected 0.0");

      // and WebSocket analyses are served meanwhile
      try (var ws = dev.analyzer.service.testing.WsClient.connect(server.webSocketUrl())) {
        ws.send("{\"type\":\"static_analyze\",\"id\":\"ws-1\",\"config\":{\"mode\":\"quick\"}}");
        assertThat(ws.nextOfType("static_analysis_result", WAIT)).contains("\"status\":\"success\"");
      }
    } finally {
      server.close();
    }
  }
}
