package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.testing.GatewayStub;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code GATEWAY_URL} set, progress also goes to a gateway (a real WebSocket server here) in
 * the original's shape, over one connection; a gateway that is down or stalled costs the analyses
 * nothing, and events beyond the bounded line are dropped oldest first and counted.
 */
class GatewayTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final ProtocolCodec codec = ProtocolCodec.create();
  @TempDir
  Path root;
  private AnalyzerServer server;
  private GatewayStub gateway;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private void startServer(String gatewayUrl, int queueSize) {
    server = Servers.start(new ScriptedService(), Servers.settings(root).withGateway(URI.create(gatewayUrl))
        .withGatewayQueueSize(queueSize));
  }

  private AnalysisResult quickAnalysis(String id) throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"" + id + "\"}");
      return (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", WAIT));
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> gatewayStatus() throws Exception {
    HealthResponse h = (HealthResponse) codec.decode(Servers.get(server, "/health").body());
    return (Map<String, Object>) h.extra().get("gateway");
  }

  private static int freePortWithNobodyListening() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void progressReachesTheGatewayInTheOriginalsShapeOverOneConnection() throws Exception {
    gateway = GatewayStub.start();
    startServer(gateway.url(), 1000);

    assertThat(quickAnalysis("g1").status()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(quickAnalysis("g2").status()).isEqualTo(ResultStatus.SUCCESS);

    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(codec.mapper().readTree(gateway.next(WAIT)));
    }
    JsonNode first = events.get(0);
    assertThat(first.get("type").asText()).isEqualTo("progress_update");
    assertThat(first.get("correlation_id").asText()).isEqualTo("g1");
    assertThat(first.get("stage").asText()).isEqualTo("tool_started");
    assertThat(first.get("message").asText()).isEqualTo("secrets: scanning");
    assertThat(first.get("service").asText()).isEqualTo("scripted-analyzer");
    assertThat(first.get("data").get("stage").asText()).isEqualTo("tool_started");
    assertThat(first.get("data").get("message").asText()).isEqualTo("secrets: scanning");
    assertThat(first.get("data").get("total").asInt()).isEqualTo(1);
    assertThat(first.get("timestamp").asText()).isNotBlank();
    assertThat(events).extracting(e -> e.get("correlation_id").asText()).containsExactly("g1", "g1", "g2", "g2");
    assertThat(gateway.connections()).as("one persistent connection, not a socket per event").isEqualTo(1);
    await().atMost(WAIT).untilAsserted(() -> assertThat(gatewayStatus()).containsEntry("connected", true)
        .containsEntry("sent", 4));
    assertThat(Servers.get(server, "/metrics").body()).contains("analyzer_gateway_events_sent_total 4.0");
  }

  @Test
  void aDownGatewayCostsTheAnalysisNothingAndTheOldestEventsAreDroppedAndCounted() throws Exception {
    startServer("ws://127.0.0.1:" + freePortWithNobodyListening() + "/", 1);

    // Two progress events into a line of one, nobody to send them to: the first is dropped.
    assertThat(quickAnalysis("d1").status()).isEqualTo(ResultStatus.SUCCESS);

    Map<String, Object> status = gatewayStatus();
    assertThat(status).containsEntry("connected", false).containsEntry("sent", 0);
    assertThat(((Number) status.get("dropped")).longValue()).isGreaterThanOrEqualTo(1);
    assertThat(Servers.get(server, "/metrics").body()).containsPattern("analyzer_gateway_events_dropped_total [1-9]");
  }

  @Test
  void aGatewayThatComesUpLaterGetsTheEventsThatWaited() throws Exception {
    int port = freePortWithNobodyListening();
    startServer("ws://127.0.0.1:" + port + "/", 1000);
    assertThat(quickAnalysis("late").status()).isEqualTo(ResultStatus.SUCCESS);

    gateway = GatewayStub.startOn(port);

    JsonNode event = codec.mapper().readTree(gateway.next(Duration.ofSeconds(30)));
    assertThat(event.get("correlation_id").asText()).isEqualTo("late");
    assertThat(event.get("stage").asText()).isEqualTo("tool_started");
  }

  @Test
  void aGatewayThatNeverAnswersTheHandshakeCostsTheAnalysisNothing() throws Exception {
    try (ServerSocket stalled = new ServerSocket(0)) {
      startServer("ws://127.0.0.1:" + stalled.getLocalPort() + "/", 1000);

      assertThat(quickAnalysis("s1").status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(quickAnalysis("s2").status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(gatewayStatus()).containsEntry("connected", false);
    }
  }
}
