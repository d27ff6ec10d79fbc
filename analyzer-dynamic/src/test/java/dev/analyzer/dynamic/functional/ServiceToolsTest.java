package dev.analyzer.dynamic.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.dynamic.DynamicAnalyzerService;
import dev.analyzer.dynamic.DynamicSettings;
import dev.analyzer.dynamic.ServiceRun;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.testing.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The service running external tools after its engine: merged findings, missing tools, cancel kills the tool. */
class ServiceToolsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void wapitiFindingsMergeWithTheEnginesAndNameBothTools() throws Exception {
    assumeTrue(ProcessRunner.which("wapiti").isPresent(), "wapiti is not installed (scripts/install-tools.sh)");
    try (VulnerableApp app = VulnerableApp.start(0); ServiceRun service = new ServiceRun()) {
      JsonNode r = service.result("{\"type\":\"dynamic_analyze\",\"id\":\"t-1\",\"tools\":[\"wapiti\",\"zap\"],"
          + "\"target_urls\":[\"" + app.url() + "\"],\"config\":{\"wapiti\":{\"modules\":\"xss\"},"
          + "\"checks\":[\"passive\",\"active\"],\"time_delay_seconds\":0.3}}");
      JsonNode a = r.path("analysis");

      assertThat(a.path("results").path("tool_runs").path("wapiti").path("status").asText()).isEqualTo("success");
      assertThat(a.path("results").path("tool_runs").path("zap").path("status").asText()).isEqualTo("not_available");
      assertThat(a.path("results").path("tool_runs").path("zap").path("status_detail").asText())
          .isEqualTo("not_installed");
      assertThat(a.path("tool_results").path("zap").path("status").asText()).isEqualTo("not_available");
      assertThat(a.path("results").path("tool_runs").path("zap").path("error").asText()).contains("ZAP_API_URL");
      assertThat(a.path("tools_used").toString()).contains("wapiti", "dynamic-engine");
      JsonNode xss = DynamicServiceTest.find(a.path("findings"), "dyn.xss-reflected", "/hello");
      assertThat(xss.path("tools").toString()).contains("dynamic-engine", "wapiti");
      assertThat(a.path("summary").path("findings_by_tool").path("wapiti").asInt()).isPositive();
    }
  }

  @Test
  void cancellingWhileWapitiRunsKillsItAndRepliesCancelled() throws Exception {
    assumeTrue(ProcessRunner.which("wapiti").isPresent(), "wapiti is not installed (scripts/install-tools.sh)");
    try (VulnerableApp app = VulnerableApp.start(0)) {
      AnalyzerServer server = AnalyzerServer.builder(new DynamicAnalyzerService(DynamicSettings.ofDefaults(),
          TargetPolicy.loopbackOnly())).withSettings(ServiceSettings.defaults(0).withPort(0)).build().start();
      try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
        ws.send("{\"type\":\"dynamic_analyze\",\"id\":\"c-9\",\"tools\":[\"wapiti\"],\"target_urls\":[\""
            + app.url() + "\"],\"config\":{\"profile\":\"full\",\"checks\":[\"passive\"],\"max_depth\":0}}");
        JsonNode f;
        do {
          f = JSON.readTree(ws.next(Duration.ofSeconds(60)));
        } while (!(f.path("stage").asText().equals("tools") && f.path("message").asText().startsWith("wapiti:")));
        ws.send("{\"type\":\"cancel_request\",\"id\":\"c-9\"}");
        JsonNode result = JSON.readTree(ws.nextOfType("dynamic_analysis_result", Duration.ofSeconds(30)));

        assertThat(result.path("status").asText()).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses().noneMatch(p -> p.info()
            .commandLine().orElse("").contains("--no-bugreport") && p.info().commandLine().orElse("")
            .contains(Integer.toString(app.port()))));
      } finally {
        server.shutdown(Duration.ofSeconds(2));
      }
    }
  }
}
