package dev.analyzer.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.ai.endpoints.ControlTests;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs requests through a real AI service on port 0 and a real WebSocket client. */
public final class ServiceRun implements AutoCloseable {

  private final AnalyzerServer server;

  public ServiceRun(AiAnalyzerService service, List<Path> roots) {
    this.server = AnalyzerServer.builder(service).withSettings(ServiceSettings.defaults(0).withPort(0)
        .withSourceRoots(roots)).build().start();
  }

  /** A service with no model and {@code env}, loopback control tests. */
  public static ServiceRun embedding(Map<String, String> env, List<Path> roots) {
    AiSettings s = AiSettings.fromEnvironment(Environment.of(env));
    return new ServiceRun(new AiAnalyzerService(s, Reviewers.fromEnvironment(s, Environment.of(env)),
        new ControlTests(TargetPolicy.loopbackOnly())), roots);
  }

  /** Sends {@code request} and returns the frame of {@code type} that answers it. */
  public JsonNode send(String request, String type) throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(request);
      return new ObjectMapper().readTree(ws.nextOfType(type, Duration.ofSeconds(120)));
    }
  }

  public String url() {
    return server.webSocketUrl();
  }

  @Override
  public void close() {
    server.shutdown(Duration.ofSeconds(2));
  }
}
