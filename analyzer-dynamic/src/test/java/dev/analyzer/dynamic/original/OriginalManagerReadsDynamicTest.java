package dev.analyzer.dynamic.original;

import dev.analyzer.core.testing.OriginalManagerModes;
import dev.analyzer.core.testing.Py;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.dynamic.ServiceRun;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given a real dynamic analysis of the fixture app (with an FTP-like listener on 127.0.0.1:21 when
 * the port can be bound), when the reply is read the way the original's manager reads it
 * (/work/notes/original-reading.md, {@link OriginalManagerReader}) in either of its modes, then it
 * keeps every finding of our {@code findings[]} exactly once, with no exception that would drop the
 * service's findings, and the tool records carry the original's statuses.
 */
class OriginalManagerReadsDynamicTest {

  private static VulnerableApp app;
  private static ServiceRun service;
  private static ServerSocket ftp;
  private static JsonNode reply;
  private static OriginalManagerReader.Reading fallback;
  private static OriginalManagerReader.Reading shared;

  @BeforeAll
  static void analyze() throws Exception {
    app = VulnerableApp.start(0);
    try {
      ftp = new ServerSocket();
      ftp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 21));
    } catch (IOException e) {
      ftp = null;
    }
    service = new ServiceRun();
    List<JsonNode> frames = service.frames("{\"type\":\"dynamic_analyze\",\"id\":\"orig-1\",\"model_slug\":\"m\","
        + "\"app_number\":1,\"target_urls\":[\"" + app.url() + "\"],\"config\":{\"time_delay_seconds\":0.4,"
        + "\"ports\":[1,21],\"endpoints\":[{\"method\":\"GET\",\"path\":\"/api/todos/:id\",\"expected_status\":[200]},"
        + "{\"method\":\"GET\",\"path\":\"/api/nothing\",\"expected_status\":[200]}]}}", "dynamic_analysis_result");
    reply = OriginalManagerModes.terminal(frames);
    fallback = OriginalManagerReader.fallback(reply);
    shared = OriginalManagerReader.shared(reply);
  }

  @AfterAll
  static void stop() throws IOException {
    service.close();
    app.close();
    if (ftp != null) {
      ftp.close();
    }
  }

  private static JsonNode findings() {
    return reply.path("analysis").path("findings");
  }

  @Test
  void theTerminalFrameHasNoTopLevelResultsThatWouldHideTheAnalysis() {
    assertThat(reply.path("type").asText()).isEqualTo("dynamic_analysis_result");
    assertThat(reply.has("results")).isFalse();
    assertThat(reply.path("analysis").isObject()).isTrue();
  }

  @Test
  void inFallbackModeTheManagerKeepsEveryFindingOnce() {
    assertThat(findings().size()).isPositive();
    assertThat(fallback.error()).isNull();
    assertThat(fallback.findings()).hasSize(findings().size());
    assertThat(fallback.extracted()).as("nothing read twice (zap alerts and a vulnerabilities list)")
        .hasSize(findings().size());
  }

  @Test
  void inSharedModeTheManagerKeepsEveryFindingOnce() {
    assertThat(shared.error()).isNull();
    assertThat(shared.findings()).hasSize(findings().size());
    assertThat(shared.extracted()).hasSize(findings().size());
  }

  @Test
  void anOpenFtpPortIsOneFindingReadFromPortScanNotFromZap() {
    assumeTrue(ftp != null, "127.0.0.1:21 could not be bound here");
    long ours = 0;
    for (JsonNode f : findings()) {
      ours += f.path("rule_id").asText().equals("dyn.cleartext-port") ? 1 : 0;
    }

    assertThat(ours).isEqualTo(1);
    assertThat(fallback.findings()).filteredOn(f -> f.get("tool").equals("nmap")).singleElement()
        .satisfies(f -> assertThat(f.get("id")).isEqualTo("nmap_insecure_port_21_127.0.0.1"));
    assertThat(fallback.byTool().get("zap")).isEqualTo(findings().size() - 1);
    assertThat(reply.path("analysis").path("tool_results").path("nmap").path("total_issues").asInt()).isEqualTo(1);
  }

  @Test
  void severitiesFoldAsEachModeFoldsThem() {
    Map<String, Integer> fold = new HashMap<>(Map.of("high", 0, "medium", 0, "low", 0));
    Map<String, Integer> five = new HashMap<>(Map.of("critical", 0, "high", 0, "medium", 0, "low", 0, "info", 0));
    for (JsonNode f : findings()) {
      String s = f.path("severity").asText();
      // fallback: the alert's risk key; ZAP's "Informational" is medium there (§2.1)
      fold.merge(s.equals("info") ? "medium" : Py.fallbackSeverity(s), 1, Integer::sum);
      five.merge(s, 1, Integer::sum);
    }

    assertThat(fallback.severity()).isEqualTo(fold);
    assertThat(shared.severity()).isEqualTo(five);
  }

  @Test
  void theZapRecordsCarryEachFindingAsOneAlertAndNoVulnerabilitiesList() {
    JsonNode zap = reply.path("analysis").path("results").path("zap_security_scan");
    int alerts = 0;
    for (JsonNode scan : zap) {
      int byRisk = 0;
      for (String risk : List.of("High", "Medium", "Low", "Informational")) {
        assertThat(scan.path("alerts_by_risk").path(risk).isArray()).as(risk).isTrue();
        byRisk += scan.path("alerts_by_risk").path(risk).size();
      }
      assertThat(byRisk).isEqualTo(scan.path("total_alerts").asInt()).isEqualTo(scan.path("all_alerts").size());
      assertThat(scan.has("vulnerabilities")).isFalse();
      alerts += byRisk;
    }
    int byPorts = reply.path("analysis").path("tool_results").path("nmap").path("total_issues").asInt();

    assertThat(zap.size()).isPositive();
    assertThat(alerts + byPorts).isEqualTo(findings().size());
    assertThat(reply.path("analysis").path("summary").path("vulnerabilities_found").asInt())
        .isEqualTo(findings().size());
    for (JsonNode v : reply.path("analysis").path("results").path("vulnerability_scan")) {
      assertThat(v.has("vulnerabilities")).as("the shared reader would count them once more").isFalse();
      assertThat(v.path("findings").size()).isEqualTo(v.path("total_vulnerabilities").asInt());
    }
  }

  @Test
  void theToolRecordsUseTheOriginalsNamesAndStatuses() {
    assertThat(fallback.tools()).containsKeys("zap", "curl", "nmap", "curl-endpoint-tester", "dynamic-engine");
    assertThat(fallback.tools().values()).allSatisfy(t -> assertThat(t.get("status"))
        .isIn("success", "error", "skipped", "not_run", "no_files", "not_available"));
    assertThat(fallback.toolsFailed()).isEmpty();
    assertThat(fallback.tools().get("zap").get("total_issues")).isEqualTo(fallback.byTool().get("zap"));
    assertThat(shared.byTool().get("zap")).isEqualTo(fallback.byTool().get("zap"));
    assertThat(fallback.tools().get("curl-endpoint-tester").get("total_issues")).isEqualTo(1);
    assertThat(fallback.serviceStatus()).isEqualTo("success");
  }
}
