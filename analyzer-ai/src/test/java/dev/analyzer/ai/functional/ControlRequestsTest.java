package dev.analyzer.ai.functional;

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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Control requests against a running app (original §4 step 3), through the target policy. */
class ControlRequestsTest {

  @TempDir
  static Path tmp;
  static HttpServer app;
  static final List<String> seen = new CopyOnWriteArrayList<>();
  static ServiceRun service;

  @BeforeAll
  static void start() throws Exception {
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", ex -> {
      String what = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      seen.add(what + (body.isEmpty() ? "" : " " + body));
      int status = switch (what) {
        case "GET /api/todos", "PUT /api/todos/1", "GET /api/health" -> 200;
        case "POST /api/todos" -> 201;
        case "GET /api/admin/todos" -> 401;
        default -> 404;
      };
      byte[] out = "{}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    app.start();
    Path templates = Files.createDirectories(tmp.resolve("templates"));
    Files.writeString(templates.resolve("todo.json"), """
        {"slug": "todo", "backend_requirements": ["GET /api/todos - list todos"],
         "api_endpoints": [{"method": "GET", "path": "/api/todos"},
           {"method": "POST", "path": "/api/todos", "request": {"title": "string"}},
           {"method": "PUT", "path": "/api/todos/:id", "request": {"completed": true}}],
         "admin_api_endpoints": [{"method": "GET", "path": "/api/admin/todos"}]}
        """);
    service = ServiceRun.embedding(Map.of("ANALYZER_TEMPLATES_DIR", templates.toString()),
        List.of(Fixtures.todoApp()));
  }

  @AfterAll
  static void stop() {
    service.close();
    app.stop(0);
  }

  String request(String id, String target) {
    return "{\"type\":\"ai_analyze\",\"id\":\"" + id + "\",\"source_path\":\"" + Fixtures.todoApp() + "\",\"tools\":"
        + "[\"requirements-scanner\"],\"target_urls\":[\"" + target + "\"],\"config\":{\"template_slug\":\"todo\"}}";
  }

  @Test
  void templateEndpointsAreRequestedAndJudgedLikeTheOriginal() throws Exception {
    JsonNode r = service.send(request("c1", "http://127.0.0.1:" + app.getAddress().getPort()), "ai_analysis_result");

    JsonNode tests = r.at("/analysis/tools/requirements-scanner/results/control_endpoint_tests");
    assertThat(tests).hasSize(4);
    assertThat(tests.get(0).get("passed").asBoolean()).isTrue();
    assertThat(tests.get(1).get("status_code").asInt()).isEqualTo(201);
    assertThat(tests.get(1).get("passed").asBoolean()).as("exact 200, as the original").isFalse();
    assertThat(tests.get(2).get("endpoint").asText()).isEqualTo("/api/todos/:id");
    assertThat(tests.get(2).get("passed").asBoolean()).isTrue();
    assertThat(tests.get(3).get("admin").asBoolean()).isTrue();
    assertThat(tests.get(3).get("passed").asBoolean()).as("401 without a token passes").isTrue();
    assertThat(seen).contains("POST /api/todos {\"title\":\"string\"}", "PUT /api/todos/1 {\"completed\":true}");
    JsonNode summary = r.at("/analysis/tools/requirements-scanner/results/summary");
    assertThat(summary.get("total_endpoints").asInt()).isEqualTo(4);
    assertThat(summary.get("endpoints_passed").asInt()).isEqualTo(3);
    assertThat(summary.get("admin_endpoints_total").asInt()).isEqualTo(1);
    // 1 requirement met + 3 endpoints passed of 1 + 4
    assertThat(summary.get("compliance_percentage").asDouble()).isEqualTo(80.0);
  }

  @Test
  void aTargetThePolicyRefusesIsNeverContacted() throws Exception {
    int before = seen.size();

    JsonNode r = service.send(request("c2", "http://10.1.2.3:5000"), "ai_analysis_result");

    JsonNode tests = r.at("/analysis/tools/requirements-scanner/results/control_endpoint_tests");
    assertThat(tests).hasSize(4);
    assertThat(tests).allSatisfy(t -> {
      assertThat(t.get("passed").asBoolean()).isFalse();
      assertThat(t.get("error").asText()).contains("not requested").contains("ANALYZER_ALLOWED_TARGETS");
    });
    assertThat(seen).hasSize(before);
  }
}
