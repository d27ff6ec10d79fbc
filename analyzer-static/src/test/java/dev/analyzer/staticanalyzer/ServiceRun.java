package dev.analyzer.staticanalyzer;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs one request through a real static service on port 0 and a real WebSocket client. */
public final class ServiceRun {

  private ServiceRun() {}

  /**
   * Starts a service with {@code env} as its environment and {@code roots} as its source roots, sends
   * {@code request} and returns the terminal result.
   */
  public static AnalysisResult analyze(Map<String, String> env, List<Path> roots, String request) throws Exception {
    return analyze(new StaticAnalyzerService(StaticSettings.fromEnvironment(Environment.of(env))), roots, request);
  }

  /** Serves {@code service} with {@code roots} as its source roots, sends {@code request}, returns the terminal result. */
  public static AnalysisResult analyze(StaticAnalyzerService service, List<Path> roots, String request)
      throws Exception {
    AnalyzerServer server = AnalyzerServer.builder(service).withSettings(ServiceSettings.defaults(0).withPort(0)
        .withSourceRoots(roots)).build().start();
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(request);
      return (AnalysisResult) ProtocolCodec.create().decode(ws.nextOfType("static_analysis_result",
          Duration.ofSeconds(180)));
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }
}
