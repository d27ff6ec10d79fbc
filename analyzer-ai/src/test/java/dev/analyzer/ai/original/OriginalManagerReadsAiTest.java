package dev.analyzer.ai.original;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * port 0) requested with the original manager's tools, when the reply is read the way the
 * original's manager reads it ({@link OriginalManagerReader}), then its figures follow from our
 * findings by the original's counting rules: requirements-scanner = our findings of that tool +
 * endpoint tests that got no answer (no finding of ours: nothing about the code), and
 * code-quality-analyzer = our findings of that tool + critical issues (the original counts a failed
 * heavy metric twice).
 */
class OriginalManagerReadsAiTest {

  @TempDir
  static Path tmp;
  static HttpServer app;
  static ServiceRun service;
  static JsonNode reply;
  static OriginalManagerReader.Reading reading;

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
    assertThat(OriginalManagerReader.terminal(List.of(reply))).isSameAs(reply);
    reading = OriginalManagerReader.read(reply);
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

  @Test
  void theRequirementsFigureIsOurFindingsPlusTheUnansweredEndpoints() {
    int unanswered = 0;
    for (JsonNode t : scannerResults().path("control_endpoint_tests")) {
      unanswered += !t.path("passed").asBoolean() && t.path("status_code").isNull() ? 1 : 0;
    }

    assertThat(unanswered).isEqualTo(1);
    assertThat(ours("requirements-scanner")).isPositive();
    assertThat(reading.totalIssues().get("requirements-scanner")).isEqualTo(ours("requirements-scanner") + unanswered);
    assertThat(reply.path("analysis").path("results").path("requirements-scanner").path("total_issues").asInt())
        .isEqualTo(ours("requirements-scanner"));
    JsonNode figures = reply.path("analysis").path("tool_results").path("requirements-scanner");
    assertThat(figures.path("total_issues").asInt()).isEqualTo(reading.totalIssues().get("requirements-scanner"));
    assertThat(figures.path("findings_count").asInt()).isEqualTo(ours("requirements-scanner"));
  }

  @Test
  void aWronglyAnsweredEndpointIsAFindingOfOurs() {
    assertThat(reply.path("analysis").path("findings").toString()).contains("endpoint-failed", "/api/stats");
  }

  @Test
  void theQualityFigureIsOurFindingsPlusTheCriticalIssues() {
    JsonNode summary = reply.path("analysis").path("tools").path("code-quality-analyzer").path("results")
        .path("summary");

    assertThat(ours("code-quality-analyzer")).isEqualTo(summary.path("metrics_failed").asInt()).isPositive();
    assertThat(reading.totalIssues().get("code-quality-analyzer"))
        .isEqualTo(ours("code-quality-analyzer") + summary.path("critical_issues_count").asInt())
        .isEqualTo(reply.path("analysis").path("tool_results").path("code-quality-analyzer").path("total_issues")
            .asInt());
  }

  @Test
  void itSeesEveryFindingOfOursAndOneMorePerUnansweredEndpoint() {
    assertThat(reading.findings()).hasSize(reply.path("analysis").path("findings").size() + 1);
  }

  @Test
  void theToolStatusesAreTheOriginalsAndNothingFailed() {
    assertThat(reading.statuses()).containsOnlyKeys("requirements-scanner", "code-quality-analyzer");
    assertThat(reading.statuses().values()).containsOnly("success");
    assertThat(reading.toolsFailed()).isEmpty();
    assertThat(reply.path("status").asText()).isEqualTo("success");
  }

  @Test
  void theSummaryFoldsOurSeveritiesToTheOriginalsKeys() {
    int high = 0;
    int medium = 0;
    int low = 0;
    for (JsonNode f : reply.path("analysis").path("findings")) {
      switch (OriginalManagerReader.fold(f.path("severity").asText())) {
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
