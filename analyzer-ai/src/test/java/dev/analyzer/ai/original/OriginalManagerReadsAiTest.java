package dev.analyzer.ai.original;

import dev.analyzer.core.testing.OriginalManagerModes;
import dev.analyzer.core.testing.Py;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.ServiceRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a real AI analysis (no model: the embedding reviewer; control requests to a real app on
 * port 0, one of which gets no answer) requested with the original manager's tools, when the reply
 * is read the way the original's manager reads it (/work/notes/original-reading.md,
 * {@link OriginalManagerReader}) in either of its modes, then it keeps exactly our findings, per tool,
 * and its tools map's {@code total_issues} is our count per tool, whether it takes it from
 * {@code tool_results} or computes it from {@code analysis.tools.<t>.results.summary}.
 */
class OriginalManagerReadsAiTest {

  @TempDir
  static Path tmp;
  static HttpServer app;
  static ServiceRun service;
  static JsonNode reply;
  static OriginalManagerReader.Reading fallback;
  static OriginalManagerReader.Reading shared;

  @BeforeAll
  static void analyze() throws Exception {
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", ex -> {
      String what = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
      if (what.equals("GET /api/broken")) {
        ex.close();
        return;
      }
      int status = what.equals("GET /api/todos") ? 200 : 404;
      byte[] out = "{}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    app.start();
    Path templates = Files.createDirectories(tmp.resolve("templates"));
    Files.writeString(templates.resolve("todo.json"), """
        {"slug": "todo", "backend_requirements": ["GET /api/todos - list todos",
           "GET /api/export - export todos as CSV"], "frontend_requirements": ["Add todo form"],
         "api_endpoints": [{"method": "GET", "path": "/api/todos"}, {"method": "GET", "path": "/api/stats"},
           {"method": "GET", "path": "/api/broken"}]}
        """);
    service = ServiceRun.embedding(Map.of("ANALYZER_TEMPLATES_DIR", templates.toString()),
        List.of(Fixtures.todoApp()));
    String target = "http://127.0.0.1:" + app.getAddress().getPort();
    reply = service.send("{\"type\":\"ai_analyze\",\"id\":\"orig-ai\",\"model_slug\":\"m\",\"app_number\":1,"
        + "\"source_path\":\"" + Fixtures.todoApp() + "\",\"tools\":[\"requirements-scanner\","
        + "\"code-quality-analyzer\"],\"target_urls\":[\"" + target + "\"],\"config\":{\"template_slug\":\"todo\","
        + "\"backend_port\":5000,\"frontend_port\":8000,\"gemini_model\":\"anthropic/claude-3-5-haiku\"}}",
        "ai_analysis_result");
    assertThat(OriginalManagerModes.terminal(List.of(reply))).isSameAs(reply);
    fallback = OriginalManagerReader.fallback(reply);
    shared = OriginalManagerReader.shared(reply);
  }

  @AfterAll
  static void stop() {
    service.close();
    app.stop(0);
  }

  private static int ours(String tool) {
    int n = 0;
    for (JsonNode f : reply.path("analysis").path("findings")) {
      n += f.path("tool").asText().equals(tool) ? 1 : 0;
    }
    return n;
  }

  private static JsonNode scannerResults() {
    return reply.path("analysis").path("tools").path("requirements-scanner").path("results");
  }

  private static JsonNode findings() {
    return reply.path("analysis").path("findings");
  }

  @Test
  void theTerminalFrameHasNoTopLevelResultsThatWouldHideTheAnalysis() {
    assertThat(reply.has("results")).isFalse();
    assertThat(reply.path("analysis").isObject()).isTrue();
  }

  @Test
  void inFallbackModeTheManagerKeepsExactlyOurFindingsPerTool() {
    assertThat(ours("requirements-scanner")).isPositive();
    assertThat(ours("code-quality-analyzer")).isPositive();
    assertThat(fallback.error()).isNull();
    assertThat(fallback.findings()).hasSize(findings().size());
    assertThat(fallback.byTool()).containsEntry("requirements-scanner", ours("requirements-scanner"))
        .containsEntry("code-quality-analyzer", ours("code-quality-analyzer"));
  }

  @Test
  void inSharedModeTheManagerKeepsExactlyOurFindingsPerTool() {
    assertThat(shared.error()).isNull();
    assertThat(shared.extracted()).hasSize(findings().size());
    assertThat(shared.findings()).hasSize(findings().size());
    assertThat(shared.byTool()).containsEntry("requirements-scanner", ours("requirements-scanner"))
        .containsEntry("code-quality-analyzer", ours("code-quality-analyzer"));
    int info = 0;
    for (JsonNode f : findings()) {
      info += f.path("severity").asText().equals("info") ? 1 : 0;
    }
    assertThat(shared.severity().get("info")).isEqualTo(info);
  }

  @Test
  void anEndpointTestWithoutAnswerIsNoFindingInEitherMode() {
    JsonNode layout = reply.path("analysis").path("results").path("tools").path("requirements-scanner")
        .path("results");
    int unanswered = 0;
    for (JsonNode t : scannerResults().path("control_endpoint_tests")) {
      unanswered += t.path("status_code").isNull() ? 1 : 0;
    }

    assertThat(unanswered).isEqualTo(1);
    assertThat(layout.path("unanswered_endpoint_tests").size()).isEqualTo(1);
    assertThat(layout.path("control_endpoint_tests").size())
        .isEqualTo(scannerResults().path("control_endpoint_tests").size() - 1);
  }

  @Test
  void theToolsMapCountsOurFindingsPerToolFromToolResults() {
    assertThat(fallback.totalIssues()).containsEntry("requirements-scanner", ours("requirements-scanner"))
        .containsEntry("code-quality-analyzer", ours("code-quality-analyzer"));
    assertThat(shared.totalIssues()).isEqualTo(fallback.totalIssues());
  }

  @Test
  void theToolsMapCountsOurFindingsPerToolFromTheSummaryKeysToo() {
    OriginalManagerReader.Reading pass2 = OriginalManagerReader.fallback(new ObjectMapper().createObjectNode()
        .set("analysis", new ObjectMapper().createObjectNode().set("tools", reply.path("analysis").path("tools"))));
    JsonNode s = scannerResults().path("summary");

    assertThat(pass2.totalIssues()).containsEntry("requirements-scanner", ours("requirements-scanner"))
        .containsEntry("code-quality-analyzer", ours("code-quality-analyzer"));
    assertThat(s.path("backend_total").asInt() + s.path("frontend_total").asInt() + s.path("admin_total").asInt())
        .isEqualTo(s.path("total_requirements").asInt());
    assertThat(s.path("total_api_endpoints").asInt()).isEqualTo(2);
  }

  @Test
  void aWronglyAnsweredEndpointIsAFindingOfOurs() {
    assertThat(findings().toString()).contains("endpoint-failed", "/api/stats");
  }

  @Test
  void theToolStatusesAreTheOriginalsAndNothingFailed() {
    assertThat(fallback.statuses()).containsOnlyKeys("requirements-scanner", "code-quality-analyzer");
    assertThat(fallback.statuses().values()).containsOnly("success");
    assertThat(fallback.toolsFailed()).isEmpty();
    assertThat(shared.toolsFailed()).isEmpty();
    assertThat(reply.path("status").asText()).isEqualTo("success");
  }

  @Test
  void theSummaryFoldsOurSeveritiesToTheOriginalsKeys() {
    int high = 0;
    int medium = 0;
    int low = 0;
    for (JsonNode f : reply.path("analysis").path("findings")) {
      switch (Py.fallbackSeverity(f.path("severity").asText())) {
        case "high" -> high++;
        case "medium" -> medium++;
        default -> low++;
      }
    }
    JsonNode s = reply.path("analysis").path("summary");

    assertThat(s.path("severity_breakdown").path("high").asInt()).isEqualTo(high);
    assertThat(s.path("severity_breakdown").path("medium").asInt()).isEqualTo(medium);
    assertThat(s.path("severity_breakdown").path("low").asInt()).isEqualTo(low);
    assertThat(s.path("total_findings").asInt()).isEqualTo(high + medium + low);
    assertThat(s.path("severity_breakdown_detail").has("info")).isTrue();
  }
}
