package dev.analyzer.performance.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.performance.PerformanceAnalyzerService;
import dev.analyzer.performance.PerformanceSettings;
import dev.analyzer.performance.testing.TestHttpServer;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each installed tool run for real by the service against a loopback app: its record keeps the
 * original's fields and its load section has the built-in's shape, labelled, beside the built-in's.
 * A tool that is not installed skips with the reason.
 */
class ExternalToolsTest {

  private static AnalyzerServer server;
  private static TestHttpServer app;
  private final ProtocolCodec codec = ProtocolCodec.create();

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpServer.start();
    PerformanceSettings settings = PerformanceSettings.defaults().withDefaults(Duration.ofSeconds(1), Duration.ZERO);
    server = AnalyzerServer.builder(new PerformanceAnalyzerService(settings, TargetPolicy.loopbackOnly()))
        .withSettings(ServiceSettings.defaults(0).withPort(0)).build().start();
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(2));
    app.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @ParameterizedTest
  @ValueSource(strings = {"wrk", "ab", "hey", "locust"})
  void theToolsFiguresSitBesideTheBuiltinsInTheSameShape(String tool) throws Exception {
    assumeTrue(ProcessRunner.which(tool).isPresent(), tool + " is not installed (scripts/install-tools.sh installs it)");
    String path = "/tool-" + tool;
    String req = "{\"type\":\"performance_test\",\"id\":\"t-" + tool + "\",\"target_urls\":[\"" + app.url()
        + "\"],\"tools\":[\"builtin\",\"" + tool + "\"],\"config\":{\"load\":{\"duration\":2,\"connections\":2,"
        + "\"scenarios\":[\"" + path + "\"]}}}";
    AnalysisResult r;
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(req);
      Object m;
      do {
        m = codec.decode(ws.next(Duration.ofSeconds(120)));
      } while (!(m instanceof AnalysisResult));
      r = (AnalysisResult) m;
    }

    Map<String, Object> url = map(r.analysis().results().get(app.url()));
    Map<String, Object> record = map(url.get(tool));
    assertThat(record.get("status")).as(String.valueOf(record.get("error"))).isEqualTo("success");
    assertThat(record).containsKeys("requests_per_second", "avg_response_time", "completed_requests",
        "failed_requests");
    assertThat(((Number) record.get("completed_requests")).longValue()).isPositive();
    assertThat(((Number) record.get("failed_requests")).longValue()).isZero();
    Map<String, Object> load = map(record.get("load"));
    Map<String, Object> builtin = map(map(url.get("builtin")).get("load"));
    assertThat(load.keySet()).containsAll(List.of("tool", "label", "model", "achieved_rate", "requests", "errors",
        "latency_ms", "latency_uncorrected_ms", "coordinated_omission", "connections"));
    assertThat(builtin.keySet()).containsAll(List.of("tool", "model", "achieved_rate", "requests", "errors",
        "latency_ms", "latency_uncorrected_ms", "coordinated_omission", "connections"));
    assertThat(load).containsEntry("tool", tool).containsEntry("model", "closed");
    assertThat(map(load.get("latency_ms"))).containsKeys("p50", "p90", "p99", "p99_9", "max");
    // ab prints whole milliseconds, so a fast local answer shows as 0
    assertThat(((Number) map(load.get("latency_ms")).get("p50")).doubleValue()).isGreaterThanOrEqualTo(0);
    assertThat(map(map(url.get("load")).get("by_tool"))).containsKeys("builtin", tool);
    assertThat(app.hits(path)).isGreaterThan(((Number) record.get("completed_requests")).longValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "hey"})
  void everyScenarioIsRunAndLabelledNotJustTheFirst(String tool) throws Exception {
    assumeTrue(ProcessRunner.which(tool).isPresent(), tool + " is not installed (scripts/install-tools.sh installs it)");
    String a = "/each-" + tool + "-a";
    String b = "/each-" + tool + "-b";
    String req = "{\"type\":\"performance_test\",\"id\":\"e-" + tool + "\",\"target_urls\":[\"" + app.url()
        + "\"],\"tools\":[\"" + tool + "\"],\"config\":{\"load\":{\"duration\":2,\"connections\":2,"
        + "\"scenarios\":[{\"path\":\"" + a + "\",\"weight\":1},{\"path\":\"" + b + "\",\"weight\":1}]}}}";
    AnalysisResult r;
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(req);
      Object m;
      do {
        m = codec.decode(ws.next(Duration.ofSeconds(120)));
      } while (!(m instanceof AnalysisResult));
      r = (AnalysisResult) m;
    }

    Map<String, Object> record = map(map(r.analysis().results().get(app.url())).get(tool));
    assertThat(record.get("status")).as(String.valueOf(record.get("error"))).isEqualTo("success");
    Map<String, Object> load = map(record.get("load"));
    List<Object> scenarios = (List<Object>) load.get("scenarios");
    assertThat(scenarios).extracting(x -> map(x).get("path")).containsExactly(a, b);
    long perScenario = scenarios.stream().mapToLong(x -> ((Number) map(x).get("requests")).longValue()).sum();
    assertThat(((Number) load.get("requests")).longValue()).isEqualTo(perScenario);
    assertThat(((Number) record.get("completed_requests")).longValue()).isEqualTo(perScenario);
    assertThat(scenarios).allSatisfy(x -> assertThat(((Number) map(x).get("requests")).longValue()).isPositive());
    assertThat(app.hits(a)).isPositive();
    assertThat(app.hits(b)).isPositive();
    assertThat(((List<Object>) map(record.get("raw")).get("runs"))).hasSize(2);
  }
}
