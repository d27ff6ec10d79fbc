package dev.analyzer.service.testing;

import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ServiceSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts real servers on port 0 for tests, and reads their HTTP endpoints. */
public final class Servers {

  private Servers() {}

  /** Test defaults: port 0, source root {@code root}, short grace. */
  public static ServiceSettings settings(Path root) {
    return ServiceSettings.defaults(0).withPort(0).withSourceRoots(List.of(root))
        .withShutdownGrace(Duration.ofSeconds(5));
  }

  public static AnalyzerServer start(AnalyzerService service, ServiceSettings settings) {
    return AnalyzerServer.builder(service).withSettings(settings).withEventLoopThreads(2).build().start();
  }

  public static HttpResponse<String> get(AnalyzerServer server, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
