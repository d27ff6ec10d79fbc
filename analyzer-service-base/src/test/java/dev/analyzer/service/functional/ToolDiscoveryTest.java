package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detected tools with version and path appear in /health and in every result (added by the base). */
class ToolDiscoveryTest {

  /** Detects python3 for real plus a built-in check; its results say nothing of tools themselves. */
  static final class VersionedService implements AnalyzerService {
    @Override
    public String name() {
      return "versioned-analyzer";
    }

    @Override
    public String version() {
      return "1.0";
    }

    @Override
    public AnalysisKind kind() {
      return AnalysisKind.STATIC;
    }

    @Override
    public List<ToolInfo> detectToolDetails(ProcessRunner runner) {
      List<ToolInfo> out = new ArrayList<>();
      ToolInfo.detect(runner, "python", "python3", "--version").ifPresent(out::add);
      out.add(ToolInfo.builtin("secrets-scan"));
      return out;
    }

    @Override
    public AnalysisOutcome analyze(AnalysisContext ctx) {
      return AnalysisOutcome.success(Analysis.builder().forRequest(ctx.request()).build()); // base adds the report
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private AnalyzerServer server;
  @TempDir
  Path root;

  @BeforeEach
  void start() {
    server = Servers.start(new VersionedService(), Servers.settings(root));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void healthListsNamesAsBeforeAndDetailsWithVersionAndPath() throws Exception {
    JsonNode h = json.readTree(Servers.get(server, "/health").body());

    assertThat(h.get("available_tools")).hasSize(2);
    assertThat(h.get("available_tools").get(0).asText()).isEqualTo("python");
    assertThat(h.get("available_tools").get(1).asText()).isEqualTo("secrets-scan");
    JsonNode python = h.get("tools").get(0);
    assertThat(python.get("name").asText()).isEqualTo("python");
    assertThat(python.get("version").asText()).matches("3\\.\\d+\\.\\d+.*");
    assertThat(Path.of(python.get("path").asText())).isAbsolute().endsWith(Path.of("python3"));
    assertThat(h.get("tools").get(1).has("path")).isFalse();
    assertThat(h.get("tool_versions").get("python").asText()).isEqualTo(python.get("version").asText());
    assertThat(h.get("tool_versions").has("secrets-scan")).isFalse();
  }

  @Test
  void aResultCarriesToolsAvailableAndToolVersions() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"tools\"}");

      JsonNode analysis = json.readTree(ws.nextOfType("static_analysis_result", Duration.ofSeconds(10)))
          .get("analysis");

      assertThat(analysis.get("tools_available").toString()).isEqualTo("[\"python\",\"secrets-scan\"]");
      assertThat(analysis.get("tool_versions").get("python").asText()).matches("3\\.\\d+\\.\\d+.*");
    }
  }
}
