package dev.analyzer.ai.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.ServiceRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire, end to end: a real service on port 0, the no-model default, the original's fields. */
class AiServiceTest {

  @TempDir
  static Path tmp;
  static ServiceRun service;

  @BeforeAll
  static void start() throws Exception {
    Path templates = Files.createDirectories(tmp.resolve("templates"));
    Files.writeString(templates.resolve("crud_todo_list.json"), """
        {"slug": "crud_todo_list", "backend_requirements": ["1. GET /api/todos - list todos",
          "2. DELETE /api/todos/:id - delete todo"], "frontend_requirements": ["Add todo form"],
         "api_endpoints": [{"method": "GET", "path": "/api/todos"}]}
        """);
    Files.createDirectories(tmp.resolve("empty-app/backend"));
    Files.writeString(tmp.resolve("empty-app/backend/app.py"), "print('hi')\n");
    service = ServiceRun.embedding(Map.of("ANALYZER_TEMPLATES_DIR", templates.toString()),
        List.of(Fixtures.todoApp().getParent(), tmp));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void serverStatusIsAnsweredOverTheWireWithTheOriginalsBody() throws Exception {
    JsonNode r = service.send("{\"type\":\"server_status\",\"id\":\"st1\"}", "server_status");

    assertThat(r.get("id").asText()).isEqualTo("st1");
    assertThat(r.get("service").asText()).isEqualTo("ai-analyzer");
    assertThat(r.get("status").asText()).isEqualTo("healthy");
    assertThat(r.get("requirements_system").asText()).isEqualTo("template-based");
    assertThat(r.get("quality_metrics")).hasSize(8);
    assertThat(r.get("available_tools").toString()).contains("requirements-scanner", "code-quality-analyzer");
    assertThat(r.at("/configuration/method").asText()).isEqualTo("embedding-ir");
  }

  @Test
  void aiAnalyzeWithNoModelSaysEmbeddingIrAndGivesTheOriginalsFields() throws Exception {
    // When
    JsonNode r = service.send("{\"type\":\"ai_analyze\",\"id\":\"t1\",\"source_path\":\"" + Fixtures.todoApp()
        + "\"}", "ai_analysis_result");

    // Then
    assertThat(r.get("status").asText()).isEqualTo("success");
    assertThat(r.get("correlation_id").asText()).isEqualTo("t1");
    JsonNode a = r.get("analysis");
    JsonNode scanner = a.get("tools").get("requirements-scanner");
    assertThat(scanner.get("method").asText()).isEqualTo("embedding-ir");
    assertThat(scanner.get("llm_used").asBoolean()).isFalse();
    assertThat(scanner.get("provider").asText()).isEqualTo("none");
    assertThat(scanner.has("tokens_in")).isTrue();
    assertThat(scanner.has("duration_seconds")).isTrue();
    JsonNode item = scanner.get("results").get("backend_requirements").get(1);
    assertThat(item.fieldNames()).toIterable().contains("requirement", "met", "confidence", "explanation", "category",
        "verification_pass", "route_check", "weight", "evidence", "verdict", "score");
    assertThat(item.get("route_check").get("found").asBoolean()).isTrue();
    assertThat(item.get("evidence").get(0).get("location").asText()).startsWith("backend/app.py:");
    JsonNode summary = scanner.get("results").get("summary");
    assertThat(summary.get("total_requirements").asInt()).isEqualTo(17);
    assertThat(summary.has("compliance_percentage")).isTrue();
    assertThat(summary.has("weighted_compliance")).isTrue();
    JsonNode quality = a.get("tools").get("code-quality-analyzer");
    assertThat(quality.get("method").asText()).isEqualTo("embedding-ir");
    assertThat(quality.get("results").get("quality_metrics")).hasSize(8);
    assertThat(quality.get("results").get("summary").get("quality_grade").asText()).matches("[ABCDF]");
    assertThat(a.get("summary").get("quality_summary").get("metrics_total").asInt()).isEqualTo(8);
    assertThat(a.get("summary").get("total_requirements").asInt()).isEqualTo(17);
    assertThat(a.get("metadata").get("method").asText()).isEqualTo("embedding-ir");
    assertThat(a.get("findings")).anySatisfy(f -> {
      assertThat(f.get("rule_id").asText()).isEqualTo("requirement-not-found");
      assertThat(f.get("title").asText()).contains("DELETE /api/todos/:id");
    });
    assertThat(a.get("findings")).anySatisfy(f -> assertThat(f.get("rule_id").asText())
        .isEqualTo("quality-testing-readiness"));
  }

  @Test
  void analysisRequestWithAliasAndTemplateRunsTheScannerOnly() throws Exception {
    // When
    JsonNode r = service.send("{\"type\":\"analysis_request\",\"analysis_type\":\"ai\",\"id\":\"t2\",\"source_path\":\""
        + tmp.resolve("empty-app") + "\",\"tools\":[\"openrouter-requirements\"],"
        + "\"config\":{\"template_slug\":\"crud_todo_list\"}}", "ai_analysis_result");

    // Then
    assertThat(r.get("status").asText()).isEqualTo("success");
    JsonNode tools = r.get("analysis").get("tools");
    assertThat(tools.has("code-quality-analyzer")).isFalse();
    JsonNode scanner = tools.get("requirements-scanner");
    assertThat(scanner.get("template_info").get("slug").asText()).isEqualTo("crud_todo_list");
    assertThat(scanner.get("results").get("summary").get("requirements_met").asInt()).isZero();
    assertThat(scanner.get("results").get("control_endpoint_tests")).isEmpty();
  }

  @Test
  void noRequirementsAnywhereIsAnErrorNamingWhereItLooked() throws Exception {
    // When
    JsonNode r = service.send("{\"type\":\"ai_analysis\",\"id\":\"t3\",\"source_path\":\"" + tmp.resolve("empty-app")
        + "\",\"tools\":[\"requirements-scanner\"]}", "ai_analysis_result");

    // Then
    assertThat(r.get("status").asText()).isEqualTo("error");
    assertThat(r.get("error").asText()).contains("requirements.json", "REQUIREMENTS.md", "config.requirements",
        "template_slug");
  }

  @Test
  void noValidToolIsAnError() throws Exception {
    JsonNode r = service.send("{\"type\":\"ai_analyze\",\"id\":\"t4\",\"source_path\":\"" + Fixtures.todoApp()
        + "\",\"tools\":[\"curl-endpoint-tester\"]}", "ai_analysis_result");

    assertThat(r.get("status").asText()).isEqualTo("error");
    assertThat(r.get("error").asText()).contains("No valid analysis tool selected");
  }

  @Test
  void inlineRequirementsFromConfigAreUsed() throws Exception {
    JsonNode r = service.send("{\"type\":\"ai_analyze\",\"id\":\"t5\",\"source_path\":\"" + Fixtures.todoApp()
        + "\",\"tools\":[\"requirements-checker\"],\"config\":{\"requirements\":[{\"id\":\"x\",\"text\":"
        + "\"GET /api/health - health check\",\"category\":\"backend\"}]}}", "ai_analysis_result");

    JsonNode items = r.get("analysis").get("tools").get("requirements-scanner").get("results")
        .get("backend_requirements");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("met").asBoolean()).isTrue();
    assertThat(r.get("analysis").get("tools").get("requirements-scanner").get("metadata")
        .get("requirements_source").asText()).isEqualTo("config.requirements");
  }
}
