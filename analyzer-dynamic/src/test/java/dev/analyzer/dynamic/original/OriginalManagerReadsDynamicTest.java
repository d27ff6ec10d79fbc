package dev.analyzer.dynamic.original;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.dynamic.ServiceRun;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given a real dynamic analysis of the fixture app, when the reply is read the way the original's
 * manager reads it (§5, {@link OriginalManagerReader}), then it sees every finding of our
 * {@code findings[]}, each once, with the same folded severities, and the tool records carry the
 * original's statuses.
 */
class OriginalManagerReadsDynamicTest {

  private static VulnerableApp app;
  private static ServiceRun service;
  private static JsonNode reply;
  private static OriginalManagerReader.Reading reading;

  @BeforeAll
  static void analyze() throws Exception {
    app = VulnerableApp.start(0);
    service = new ServiceRun();
    List<JsonNode> frames = service.frames("{\"type\":\"dynamic_analyze\",\"id\":\"orig-1\",\"model_slug\":\"m\","
        + "\"app_number\":1,\"target_urls\":[\"" + app.url() + "\"],\"config\":{\"time_delay_seconds\":0.4,"
        + "\"ports\":[1],\"endpoints\":[{\"method\":\"GET\",\"path\":\"/api/todos/:id\",\"expected_status\":[200]},"
        + "{\"method\":\"GET\",\"path\":\"/api/nothing\",\"expected_status\":[200]}]}}", "dynamic_analysis_result");
    reply = OriginalManagerReader.terminal(frames);
    reading = OriginalManagerReader.read(reply);
  }

  @AfterAll
  static void stop() {
    service.close();
    app.close();
  }

  @Test
  void theManagerFindsTheTerminalFrameAndSeesEveryFindingOnce() {
    JsonNode findings = reply.path("analysis").path("findings");

    assertThat(findings.size()).isPositive();
    assertThat(reading.extracted()).hasSize(findings.size());
    assertThat(reading.findings()).hasSize(findings.size());
  }

  @Test
  void itFoldsTheSameSeverities() {
    Map<String, Integer> ours = new HashMap<>(Map.of("high", 0, "medium", 0, "low", 0));
    for (JsonNode f : reply.path("analysis").path("findings")) {
      ours.merge(OriginalManagerReader.fold(f.path("severity").asText()), 1, Integer::sum);
    }

    assertThat(reading.severity()).isEqualTo(ours);
    assertThat(reply.path("analysis").path("summary").path("severity_breakdown").path("high").asInt())
        .isEqualTo(ours.get("high"));
  }

  @Test
  void theZapRecordsCarryVulnerabilitiesAndAlertsByRisk() {
    JsonNode zap = reply.path("analysis").path("results").path("zap_security_scan");
    int alerts = 0;
    int vulns = 0;
    for (JsonNode scan : zap) {
      int byRisk = 0;
      for (String risk : List.of("High", "Medium", "Low", "Informational")) {
        assertThat(scan.path("alerts_by_risk").path(risk).isArray()).as(risk).isTrue();
        byRisk += scan.path("alerts_by_risk").path(risk).size();
      }
      assertThat(byRisk).isEqualTo(scan.path("total_alerts").asInt()).isEqualTo(scan.path("all_alerts").size());
      alerts += byRisk;
      vulns += scan.path("vulnerabilities").size();
    }

    assertThat(zap.size()).isPositive();
    assertThat(alerts).isEqualTo(vulns).isEqualTo(reply.path("analysis").path("findings").size());
    assertThat(reply.path("analysis").path("summary").path("vulnerabilities_found").asInt()).isEqualTo(vulns);
  }

  @Test
  void theToolRecordsUseTheOriginalsNamesAndStatuses() {
    assertThat(reading.tools()).containsKeys("zap", "curl", "nmap", "curl-endpoint-tester", "dynamic-engine");
    assertThat(reading.tools().values()).allSatisfy(t -> assertThat(t.get("status"))
        .isIn("success", "error", "skipped", "not_run", "no_files", "not_available"));
    assertThat(reading.toolsFailed()).isEmpty();
    assertThat(reading.tools().get("zap").get("total_issues")).isEqualTo(reading.byTool().get("zap"));
    assertThat(reading.tools().get("curl-endpoint-tester").get("total_issues")).isEqualTo(1);
    assertThat(reading.serviceStatus()).isEqualTo("success");
  }
}
