package dev.analyzer.dynamic.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.dynamic.ServiceRun;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dynamic service on a real socket: wire shape, in-band progress, statuses, target policy, safe mode. */
class DynamicServiceTest {

  private static VulnerableApp app;
  private static ServiceRun service;
  private static List<JsonNode> frames;

  @BeforeAll
  static void start() throws Exception {
    app = VulnerableApp.start(0);
    service = new ServiceRun();
    frames = service.frames("{\"type\":\"dynamic_analyze\",\"id\":\"dyn-1\",\"model_slug\":\"m\",\"app_number\":1,"
        + "\"target_urls\":[\"" + app.url() + "\"],\"config\":{\"time_delay_seconds\":0.4,\"ports\":[1]}}",
        "dynamic_analysis_result");
  }

  @AfterAll
  static void stop() {
    service.close();
    app.close();
  }

  private static JsonNode result() {
    return frames.get(frames.size() - 1);
  }

  @Test
  void theReplyKeepsTheOriginalsSectionsAndAddsFindingsAndSarif() {
    JsonNode r = result();
    JsonNode a = r.path("analysis");

    assertThat(r.path("type").asText()).isEqualTo("dynamic_analysis_result");
    assertThat(r.path("correlation_id").asText()).isEqualTo("dyn-1");
    assertThat(r.path("status").asText()).isEqualTo(a.path("status").asText()).isEqualTo("success");
    assertThat(a.path("results").has("connectivity")).isTrue();
    assertThat(a.path("results").path("connectivity").get(0).path("analysis").path("reachable").asBoolean()).isTrue();
    assertThat(a.path("results").path("vulnerability_scan").get(0).path("total_vulnerabilities").asInt())
        .isPositive();
    assertThat(a.path("results").path("port_scan").path("scanned_ports").size()).isPositive();
    assertThat(a.path("results").path("tool_runs").has("dynamic-engine")).isTrue();
    assertThat(a.path("summary").path("reachable_urls").asInt()).isEqualTo(1);
    assertThat(a.path("summary").path("total_findings").asInt()).isEqualTo(a.path("findings").size());
    JsonNode sqli = find(a.path("findings"), "dyn.sqli", "/api/search");
    assertThat(sqli.path("cwe").asText()).isEqualTo("CWE-89");
    assertThat(sqli.path("wstg").asText()).isEqualTo("WSTG-INPV-05");
    assertThat(sqli.path("zap_alert_id").asInt()).isEqualTo(40018);
    assertThat(sqli.path("location").path("parameter").asText()).isEqualTo("q");
    assertThat(sqli.path("request").asText()).startsWith("GET /api/search?q=");
    assertThat(sqli.path("response").asText()).contains("sqlite3.OperationalError");
    assertThat(sqli.path("remediation").asText()).isNotBlank();
    JsonNode run = a.path("sarif_export").path("runs").get(0);
    assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("dynamic-engine");
    assertThat(run.path("results").get(0).path("webRequest").path("target").asText()).startsWith(app.url());
  }

  @Test
  void progressStreamsInBandPerPhaseWithCounts() {
    List<String> stages = new ArrayList<>();
    boolean counted = false;
    for (JsonNode f : frames) {
      if (f.path("type").asText().equals("progress_update")) {
        stages.add(f.path("stage").asText());
        counted |= f.path("stage").asText().equals("active") && f.path("data").path("total").asInt() > 0
            || f.path("total").asInt() > 0;
      }
    }
    assertThat(stages).contains("connectivity", "crawl", "passive", "exposure", "active", "ports", "done");
    assertThat(counted).isTrue();
  }

  @Test
  void safeByDefaultNoStateChangingRequestAndTheReplySaysWhatWasSkipped() {
    assertThat(app.unsafeRequests()).isZero();
    assertThat(result().path("analysis").path("skipped").toString()).contains("allow_unsafe_methods");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dynamic", "security-dynamic"})
  void analysisRequestWithAnalysisTypeDynamicIsServedToo(String analysisType) throws Exception {
    JsonNode r = service.result("{\"type\":\"analysis_request\",\"analysis_type\":\"" + analysisType
        + "\",\"id\":\"ar-1\",\"target_urls\":[\"" + app.url() + "\"],"
        + "\"config\":{\"checks\":[\"passive\"],\"max_depth\":0}}");

    assertThat(r.path("type").asText()).isEqualTo("dynamic_analysis_result");
    assertThat(r.path("status").asText()).isEqualTo("success");
    assertThat(r.path("analysis").path("findings").size()).isPositive();
  }

  @Test
  void noTargetAnsweringIsTargetsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    JsonNode r = service.result("{\"type\":\"dynamic_analyze\",\"id\":\"u-1\",\"target_urls\":[\"http://127.0.0.1:"
        + port + "\"]}");

    assertThat(r.path("status").asText()).isEqualTo("targets_unreachable");
    assertThat(r.path("analysis").path("status").asText()).isEqualTo("targets_unreachable");
    assertThat(r.path("analysis").path("error").asText()).contains("no target answered");
  }

  @Test
  void someTargetsAnsweringIsPartial() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    JsonNode r = service.result("{\"type\":\"dynamic_analyze\",\"id\":\"p-1\",\"target_urls\":[\"" + app.url()
        + "\",\"http://127.0.0.1:" + port + "\"],\"config\":{\"checks\":[\"passive\"],\"max_depth\":0}}");

    assertThat(r.path("status").asText()).isEqualTo("partial");
    assertThat(r.path("analysis").path("summary").path("analysis_status").asText()).isEqualTo("partial_connectivity");
  }

  @Test
  void aTargetOutsideThePolicyIsRefusedBeforeAnyRequest() throws Exception {
    JsonNode r = service.result("{\"type\":\"dynamic_analyze\",\"id\":\"x-1\",\"target_urls\":[\"http://10.1.2.3:80\"]}");

    assertThat(r.path("status").asText()).isEqualTo("error");
    assertThat(r.path("analysis").path("error").asText()).contains("10.1.2.3").contains("ANALYZER_ALLOWED_TARGETS");
  }

  @Test
  void aBadConfigIsAnErrorNamingTheField() throws Exception {
    JsonNode r = service.result("{\"type\":\"dynamic_analyze\",\"id\":\"c-1\",\"target_urls\":[\"" + app.url()
        + "\"],\"config\":{\"max_depth\":\"deep\"}}");

    assertThat(r.path("status").asText()).isEqualTo("error");
    assertThat(r.path("analysis").path("error").asText()).contains("config.max_depth");
  }

  @Test
  void theEngineEndsBeforeAShortAnalysisDeadline() throws Exception {
    JsonNode r = service.result("{\"type\":\"dynamic_analyze\",\"id\":\"d-1\",\"timeout_seconds\":8,"
        + "\"target_urls\":[\"" + app.url() + "\"],\"config\":{\"time_delay_seconds\":0.3,\"ports\":[1]}}");

    assertThat(r.path("status").asText()).isIn("success", "partial");
    assertThat(r.path("analysis").path("config_notes").toString()).contains("max_duration lowered");
  }

  @Test
  void healthListsTheEngine() throws Exception {
    JsonNode h = service.health();

    assertThat(h.path("available_tools").toString()).contains("dynamic-engine");
    assertThat(h.path("version").asText()).isEqualTo("2.1.0");
  }

  static JsonNode find(JsonNode findings, String rule, String path) {
    for (JsonNode f : findings) {
      if (f.path("rule_id").asText().equals(rule) && f.path("location").path("url").asText().contains(path)) {
        return f;
      }
    }
    throw new AssertionError("no " + rule + " at " + path + " in " + findings);
  }
}
