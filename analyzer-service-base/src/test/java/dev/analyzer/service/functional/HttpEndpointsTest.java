package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /health and GET /metrics on the WebSocket port; metrics reflect the traffic. */
class HttpEndpointsTest extends RunningServerTest {

  @Test
  void healthAnswers200WithTheServicesState() throws Exception {
    HttpResponse<String> res = Servers.get(server, "/health");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).contains("application/json");
    HealthResponse h = (HealthResponse) codec.decode(res.body());
    assertThat(h.status()).isEqualTo("healthy");
    assertThat(h.service()).isEqualTo("scripted-analyzer");
    assertThat(h.version()).isEqualTo("9.9.9");
    assertThat(h.uptimeSeconds()).isNotNull();
    assertThat(h.availableTools()).contains("builtin");
    assertThat(h.analysesInFlight()).isZero();
    assertThat(h.extra()).containsEntry("max_concurrent_analyses", 8);
  }

  @Test
  void metricsReflectTheTraffic() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"ping\"}");
      ws.next();
      ws.send("{oops");
      ws.next();
    }
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"m1\"}");
      ws.nextOfType("static_analysis_result", Duration.ofSeconds(10));
      ws.awaitClose(Duration.ofSeconds(5));
    }

    String metrics = Servers.get(server, "/metrics").body();

    assertThat(metrics).contains("analyzer_connections_total 2.0");
    assertThat(metrics).contains("analyzer_analyses_started_total{type=\"static_analyze\"} 1.0");
    assertThat(metrics).contains("analyzer_analyses_finished_total{status=\"success\",type=\"static_analyze\"} 1.0");
    assertThat(metrics).contains("analyzer_errors_total{code=\"invalid_json\"} 1.0");
    assertThat(metrics).contains("analyzer_analysis_duration_seconds_count{type=\"static_analyze\"} 1");
    assertThat(metrics).containsPattern("analyzer_frames_received_total [3-9]\\.0");
    assertThat(metrics).contains("analyzer_analyses_in_flight 0.0");
  }

  @Test
  void unknownPathsAre404AndOtherMethods405() throws Exception {
    assertThat(Servers.get(server, "/admin").statusCode()).isEqualTo(404);
    assertThat(Servers.get(server, "/").statusCode()).isIn(400, 404);
  }

  @Test
  void healthTurns503WhileDraining() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"slow\",\"config\":{\"mode\":\"sleep\",\"millis\":1500}}");
      ws.nextOfType("progress_update", Duration.ofSeconds(5));
      Thread drainer = new Thread(() -> server.shutdown(Duration.ofSeconds(5)));
      drainer.start();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(server::isDraining);

      HttpResponse<String> res = Servers.get(server, "/health");

      assertThat(res.statusCode()).isEqualTo(503);
      assertThat(((HealthResponse) codec.decode(res.body())).status()).isEqualTo("draining");
      drainer.join(10_000);
    }
  }

  @Test
  void healthCheckFramesAndHttpHealthAgree() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"health_check\"}");
      HealthResponse frame = (HealthResponse) codec.decode(ws.next());
      HealthResponse http = (HealthResponse) codec.decode(Servers.get(server, "/health").body());

      assertThat(Map.of("status", frame.status(), "tools", frame.availableTools()))
          .isEqualTo(Map.of("status", http.status(), "tools", http.availableTools()));
    }
  }
}
