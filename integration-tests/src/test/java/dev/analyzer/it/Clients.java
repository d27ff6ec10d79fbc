package dev.analyzer.it;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.settings.ConnectionSettings;
import dev.analyzer.core.settings.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Clients and requests for the process-level tests. */
final class Clients {

  private Clients() {}

  static AnalyzerClient client(ConnectionSettings c, String... urls) {
    return AnalyzerClient.builder().withEnvironment(Environment.of(Map.of())).withConnectionSettings(c)
        .withReplicas(AnalysisKind.STATIC, urls).withCancelGrace(Duration.ofSeconds(2)).build();
  }

  static ConnectionSettings settings(int maxConnections, int threshold, Duration circuitTimeout, int halfOpen) {
    return new ConnectionSettings(maxConnections, Duration.ofSeconds(60), Duration.ofSeconds(300), threshold,
        circuitTimeout, halfOpen);
  }

  static AnalysisRequest request(Path source, int app, String... tools) {
    return AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("it").withAppNumber(app)
        .withSourcePath(source.toString()).withTools(List.of(tools)).build();
  }
}
