package dev.analyzer.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real dynamic service on port 0 and a real WebSocket client: send one request, collect every frame. */
public final class ServiceRun implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AnalyzerServer server;

  public ServiceRun(DynamicSettings settings, TargetPolicy policy) {
    server = AnalyzerServer.builder(new DynamicAnalyzerService(settings, policy))
        .withSettings(ServiceSettings.defaults(0).withPort(0)).build().start();
  }

  public ServiceRun() {
    this(DynamicSettings.ofDefaults(), TargetPolicy.loopbackOnly());
  }

  /** Every frame up to and including the terminal one of type {@code resultType}. */
  public List<JsonNode> frames(String request, String resultType) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(request);
      while (true) {
        JsonNode n = JSON.readTree(ws.next(Duration.ofSeconds(120)));
        out.add(n);
        if (n.path("type").asText().equals(resultType) || n.path("type").asText().equals("error")) {
          return out;
        }
      }
    }
  }

  /** The terminal {@code dynamic_analysis_result} of {@code request}. */
  public JsonNode result(String request) throws Exception {
    List<JsonNode> f = frames(request, "dynamic_analysis_result");
    return f.get(f.size() - 1);
  }

  /** The health response. */
  public JsonNode health() throws Exception {
    return frames("{\"type\":\"health_check\"}", "health_response").get(0);
  }

  @Override
  public void close() {
    server.shutdown(Duration.ofSeconds(2));
  }
}
