package dev.analyzer.client.testing;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.AnalyzerClientBuilder;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.settings.ConnectionSettings;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.metrics.ServiceMetrics;
import dev.analyzer.service.testing.PeakConnections;
import dev.analyzer.service.testing.ScriptedService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Real in-process services and clients pointed at them. */
public final class Services {

  private Services() {}

  /**
   * A started scripted static service with peak-connection metrics; {@code gates} is the service the
   * server runs: {@code service} plus the {@code gate} mode.
   */
  public record Running(AnalyzerServer server, ScriptedService service, PeakConnections metrics, GatedService gates,
      String host) implements AutoCloseable {
    public String url() {
      return "ws://" + host + ":" + server.port();
    }

    @Override
    public void close() {
      server.shutdown(Duration.ofMillis(200));
    }
  }

  public static Running start(Path root) {
    return start(root, 64, 0);
  }

  public static Running start(Path root, int maxConcurrent, int port) {
    return start(root, maxConcurrent, port, Duration.ZERO);
  }

  /**
   * As {@link #start(Path, int, int)}, with the service's count of closed connections lagging the
   * wire by {@code closeCountLag} (see {@link LaggingCloseMetrics}).
   */
  public static Running start(Path root, int maxConcurrent, int port, Duration closeCountLag) {
    return start(root, maxConcurrent, "127.0.0.1", port, closeCountLag);
  }

  /** As {@link #start(Path, int, int)}, bound to {@code host} (such as a loopback alias, 127.0.0.2). */
  public static Running startOn(Path root, String host, int port) {
    return start(root, 64, host, port, Duration.ZERO);
  }

  private static Running start(Path root, int maxConcurrent, String host, int port, Duration closeCountLag) {
    ScriptedService service = new ScriptedService();
    GatedService gates = new GatedService(service);
    PeakConnections metrics = new PeakConnections();
    ServiceSettings settings = ServiceSettings.defaults(0).withPort(port).withSourceRoots(List.of(root))
        .withMaxConcurrentAnalyses(maxConcurrent).withShutdownGrace(Duration.ofSeconds(2)).withHost(host);
    ServiceMetrics served = closeCountLag.isZero() ? metrics : new LaggingCloseMetrics(metrics, closeCountLag);
    AnalyzerServer server = AnalyzerServer.builder(gates).withSettings(settings).withMetrics(served)
        .withEventLoopThreads(2).build().start();
    return new Running(server, service, metrics, gates, host);
  }

  /** Connection settings for tests: a small pool, tight breaker timing. */
  public static ConnectionSettings connection(int maxConnections, int threshold, Duration circuitTimeout, int halfOpen) {
    return new ConnectionSettings(maxConnections, Duration.ofSeconds(5), Duration.ofSeconds(300), threshold,
        circuitTimeout, halfOpen);
  }

  /** A client whose static service has {@code urls} as replicas. */
  public static AnalyzerClientBuilder client(ConnectionSettings connection, String... urls) {
    return AnalyzerClient.builder().withEnvironment(Environment.of(Map.of())).withConnectionSettings(connection)
        .withReplicas(AnalysisKind.STATIC, urls).withCancelGrace(Duration.ofSeconds(2));
  }

  /** A static request with {@code config.mode} = {@code mode} and extra config. */
  public static AnalysisRequest request(String mode, Object... configPairs) {
    return requestWithId(null, mode, configPairs);
  }

  /** As {@link #request}, with the request id {@code id} (a fresh one when null). */
  public static AnalysisRequest requestWithId(String id, String mode, Object... configPairs) {
    java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("mode", mode);
    for (int i = 0; i + 1 < configPairs.length; i += 2) {
      config.put((String) configPairs[i], configPairs[i + 1]);
    }
    var b = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m").withAppNumber(1).withConfig(config);
    return (id == null ? b : b.withId(id)).build();
  }
}
