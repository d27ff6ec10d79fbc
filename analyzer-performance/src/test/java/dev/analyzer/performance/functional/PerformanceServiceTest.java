package dev.analyzer.performance.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.performance.PerformanceAnalyzerService;
import dev.analyzer.performance.PerformanceSettings;
import dev.analyzer.performance.testing.TestHttpServer;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The performance service on a real socket against a loopback app made in the test. */
class PerformanceServiceTest {

  private static AnalyzerServer server;
  private static TestHttpServer app;
  private final ProtocolCodec codec = ProtocolCodec.create();

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpServer.start();
    PerformanceSettings settings = PerformanceSettings.defaults().withDefaults(Duration.ofSeconds(2), Duration.ZERO);
    server = AnalyzerServer.builder(new PerformanceAnalyzerService(settings, TargetPolicy.loopbackOnly()))
        .withSettings(ServiceSettings.defaults(0).withPort(0)).build().start();
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(2));
    app.close();
  }

  static List<Message> analyze(AnalyzerServer server, ProtocolCodec codec, String request) throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(request);
      List<Message> frames = new ArrayList<>();
      Message m;
      do {
        m = codec.decode(ws.next(Duration.ofSeconds(90)));
        frames.add(m);
      } while (!(m instanceof AnalysisResult) && !(m instanceof ErrorMessage));
      return frames;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void healthListsTheBuiltinGenerator() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"health_check\"}");
      HealthResponse h = (HealthResponse) codec.decode(ws.next());
      assertThat(h.service()).isEqualTo("performance-tester");
      assertThat(h.availableTools()).contains("builtin");
    }
  }

  @Test
  void anOpenModelRunReportsTheOriginalRecordsTheLoadSectionAndTheThresholds() throws Exception {
    // Given an open-model request with two scenarios and thresholds, one of which fails
    String req = "{\"type\":\"performance_test\",\"id\":\"p-1\",\"model_slug\":\"m\",\"app_number\":1,"
        + "\"target_urls\":[\"" + app.url() + "\"],\"config\":{\"load\":{\"model\":\"open\",\"rate\":200,"
        + "\"duration\":\"2s\",\"warmup\":0.5,\"connections\":4,\"scenarios\":[{\"path\":\"/svc-a\",\"weight\":3},"
        + "{\"method\":\"GET\",\"path\":\"/status/404\",\"expected_status\":404}],"
        + "\"thresholds\":[\"p95 < 5s\",\"error_rate < 1%\",\"rate >= 100000\"]}}}";

    // When
    List<Message> frames = analyze(server, codec, req);

    // Then
    AnalysisResult r = (AnalysisResult) frames.get(frames.size() - 1);
    assertThat(r.type().wire()).isEqualTo("performance_analysis_result");
    assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(r.correlationId()).isEqualTo("p-1");
    List<ProgressUpdate> progress = frames.stream().filter(ProgressUpdate.class::isInstance)
        .map(ProgressUpdate.class::cast).filter(p -> p.stage().equals("load")).toList();
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1).message()).contains("req/s").contains("p99").contains("errors");
    assertThat(progress).allSatisfy(u -> assertThat(u.extra()).containsKeys("rate", "p99_ms", "errors", "requests",
        "url"));
    assertThat(progress).anySatisfy(u -> assertThat(((Number) u.extra().get("rate")).doubleValue()).isPositive());
    Map<String, Object> url = map(r.analysis().results().get(app.url()));
    assertThat(map(url.get("connectivity"))).containsEntry("status", "success");
    Map<String, Object> builtin = map(url.get("builtin"));
    assertThat(builtin).containsKeys("requests_per_second", "avg_response_time", "completed_requests",
        "failed_requests").containsEntry("status", "success");
    Map<String, Object> load = map(url.get("load"));
    assertThat(((Number) load.get("target_rate")).doubleValue()).isEqualTo(200.0);
    assertThat(load).containsEntry("model", "open").containsKeys("achieved_rate",
        "latency_ms", "latency_uncorrected_ms", "errors", "bytes_per_second", "series", "scenarios", "bottleneck");
    assertThat(map(load.get("latency_ms"))).containsKeys("p50", "p90", "p99", "p99_9", "max");
    assertThat(((Number) load.get("achieved_rate")).doubleValue()).isBetween(196.0, 204.0);
    assertThat((List<Object>) load.get("scenarios")).hasSize(2);
    List<Object> verdicts = (List<Object>) load.get("thresholds");
    assertThat(verdicts).extracting(v -> map(v).get("passed")).containsExactly(true, true, false);
    assertThat(r.analysis().summary()).containsEntry("thresholds_passed", false).containsEntry("reachable_urls", 1);
    assertThat(map(r.analysis().extra().get("tool_results"))).containsKey("builtin");
    assertThat(app.hits("/status/404")).isPositive();
  }

  @Test
  void theOriginalAliasUsersAndDurationDriveAClosedModelWithDefaultScenarios() throws Exception {
    String req = "{\"type\":\"analysis_request\",\"analysis_type\":\"performance\",\"id\":\"p-2\","
        + "\"target_url\":\"" + app.url() + "\",\"users\":3,\"duration\":1,\"tools\":[\"aiohttp\",\"artillery\"]}";

    AnalysisResult r = (AnalysisResult) last(analyze(server, codec, req));

    Map<String, Object> url = map(r.analysis().results().get(app.url()));
    Map<String, Object> load = map(url.get("load"));
    assertThat(load).containsEntry("model", "closed").containsEntry("connections", 3)
        .containsEntry("scenario_source", "default");
    assertThat(map(load.get("coordinated_omission"))).containsEntry("corrected", false);
    assertThat(map(url.get("artillery"))).containsEntry("status", "not_available")
        .containsEntry("status_detail", "not_installed");
    assertThat(map(url.get("aiohttp"))).containsEntry("implemented_by", "builtin").containsKey("avg_response_time");
    assertThat(app.hits("/api/health")).isPositive();
  }

  @Test
  void scenariosComeFromTheAppsOpenApiDocument() throws Exception {
    try (TestHttpServer documented = TestHttpServer.start().withOpenApi("{\"paths\":{\"/api/items\":{\"get\":{}},"
        + "\"/api/items/{id}\":{\"get\":{}},\"/api/login\":{\"post\":{}}}}")) {
      String req = "{\"type\":\"performance_analysis\",\"id\":\"p-3\",\"target_urls\":\"" + documented.url()
          + "\",\"config\":{\"load\":{\"duration\":1,\"connections\":2}}}";

      AnalysisResult r = (AnalysisResult) last(analyze(server, codec, req));

      Map<String, Object> load = map(map(r.analysis().results().get(documented.url())).get("load"));
      assertThat(load).containsEntry("scenario_source", "openapi");
      assertThat((List<Object>) load.get("scenarios")).extracting(s -> map(s).get("path")).containsExactly("/api/items");
      assertThat(documented.hits("/api/items")).isPositive();
    }
  }

  @Test
  void withoutOpenApiTheSwaggerDocumentGivesWeightedProbedScenarios() throws Exception {
    try (TestHttpServer documented = TestHttpServer.start().withSwagger("{\"swagger\":\"2.0\",\"paths\":{"
        + "\"/api/things\":{\"get\":{}},\"/api/health\":{\"get\":{}},\"/status/401\":{\"get\":{}},"
        + "\"/api/things/{id}\":{\"get\":{}}}}")) {
      String req = "{\"type\":\"performance_test\",\"id\":\"p-10\",\"target_urls\":[\"" + documented.url()
          + "\"],\"config\":{\"load\":{\"duration\":1,\"connections\":2}}}";

      AnalysisResult r = (AnalysisResult) last(analyze(server, codec, req));

      Map<String, Object> load = map(map(r.analysis().results().get(documented.url())).get("load"));
      assertThat(load).containsEntry("scenario_source", "swagger");
      // the route that answers 401 to the probe is left out, so it does not turn into an error rate
      assertThat((List<Object>) load.get("scenarios")).extracting(s -> map(s).get("path") + " " + map(s).get("weight"))
          .containsExactly("/api/things 3", "/api/health 1");
      assertThat(documented.hits("/status/401")).isEqualTo(1);
      assertThat(documented.hits("/api/things")).isGreaterThan(documented.hits("/api/health"));
    }
  }

  @Test
  void requestsBeyondTheCapsAreRefusedNamingTheSetting() throws Exception {
    Message m = last(analyze(server, codec, "{\"type\":\"performance_test\",\"id\":\"p-4\",\"target_urls\":[\""
        + app.url() + "\"],\"config\":{\"load\":{\"rate\":99999999}}}"));

    assertThat(((AnalysisResult) m).status()).isEqualTo(ResultStatus.ERROR);
    assertThat(((AnalysisResult) m).error()).contains("config.load.rate").contains("ANALYZER_PERF_MAX_RATE");
  }

  @Test
  void cancelRequestStopsTheLoadWithinASecond() throws Exception {
    try (TestHttpServer target = TestHttpServer.start(); WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"performance_test\",\"id\":\"p-9\",\"target_urls\":[\"" + target.url()
          + "\"],\"config\":{\"load\":{\"duration\":60,\"connections\":2,\"scenarios\":[\"/busy\"]}}}");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> target.hits("/busy") > 50);

      ws.send("{\"type\":\"cancel_request\",\"id\":\"p-9\"}");
      Message m;
      do {
        m = codec.decode(ws.next(Duration.ofSeconds(10)));
      } while (!(m instanceof AnalysisResult));
      long stoppedAt = System.nanoTime();

      assertThat(((AnalysisResult) m).status()).isEqualTo(ResultStatus.CANCELLED);
      // within a second of the reply no request reaches the target any more (two polls 200 ms apart agree)
      java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong(-1);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            long now = target.hits("/busy");
            return seen.getAndSet(now) == now;
          });
      assertThat((System.nanoTime() - stoppedAt) / 1e9).isLessThan(1.5);
    }
  }

  @Test
  void aPlanLongerThanTheDeadlineIsRefusedUpFront() throws Exception {
    Message m = last(analyze(server, codec, "{\"type\":\"performance_test\",\"id\":\"p-8\",\"timeout_seconds\":5,"
        + "\"target_urls\":[\"" + app.url() + "\"],\"config\":{\"load\":{\"duration\":30}}}"));

    assertThat(((AnalysisResult) m).error()).contains("deadline").contains("timeout_seconds");
  }

  @Test
  void aBadThresholdIsRefusedWithItsPosition() throws Exception {
    Message m = last(analyze(server, codec, "{\"type\":\"performance_test\",\"id\":\"p-5\",\"target_urls\":[\""
        + app.url() + "\"],\"config\":{\"load\":{\"thresholds\":[\"p95 < soon\"]}}}"));

    assertThat(((AnalysisResult) m).error()).contains("thresholds[0]").contains("p95 < soon");
  }

  @Test
  void aTargetOutsideLoopbackIsRefusedBeforeAnyRequest() throws Exception {
    Message m = last(analyze(server, codec, "{\"type\":\"performance_test\",\"id\":\"p-6\","
        + "\"target_urls\":[\"http://10.1.2.3:5000\"]}"));

    assertThat(((AnalysisResult) m).status()).isEqualTo(ResultStatus.ERROR);
    assertThat(((AnalysisResult) m).error()).contains("10.1.2.3").contains("ANALYZER_ALLOWED_TARGETS");
  }

  @Test
  void anUnreachableTargetIsTargetsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AnalysisResult r = (AnalysisResult) last(analyze(server, codec, "{\"type\":\"performance_test\",\"id\":\"p-7\","
        + "\"target_urls\":[\"http://127.0.0.1:" + port + "\"]}"));

    assertThat(r.status()).isEqualTo(ResultStatus.TARGETS_UNREACHABLE);
    assertThat(r.analysis().summary()).containsEntry("reachable_urls", 0);
  }

  private static Message last(List<Message> frames) {
    return frames.get(frames.size() - 1);
  }
}
