package dev.analyzer.ai.functional;

import static dev.analyzer.ai.testing.FakeModelServer.answer;
import static dev.analyzer.ai.testing.FakeModelServer.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.ServiceRun;
import dev.analyzer.ai.testing.FakeModelServer;
import dev.analyzer.service.testing.WsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service with a hosted model (loopback), a broken model, a local GGUF model, and a cancel over the wire. */
class AiServiceBackendsTest {

  static final String KEY = "sk-or-v1-secret-test-key-987654321";
  static final String ONE_REQUIREMENT = "\"config\":{\"requirements\":[{\"id\":\"b2\",\"text\":\"GET /api/todos - list todos\","
      + "\"category\":\"backend\"}]}";

  FakeModelServer model;

  @BeforeEach
  void start() throws IOException {
    model = new FakeModelServer();
  }

  @AfterEach
  void stop() {
    model.close();
  }

  String request(String id, String tools) {
    return "{\"type\":\"ai_analyze\",\"id\":\"" + id + "\",\"source_path\":\"" + Fixtures.todoApp() + "\",\"tools\":"
        + tools + "," + ONE_REQUIREMENT + "}";
  }

  @Test
  void theOpenRouterPresetSelectsTheLlmAndTheResultSaysSoWithoutTheKey() throws Exception {
    model.then(answer("{\"verdict\":\"met\",\"confidence\":\"HIGH\",\"explanation\":\"route\",\"evidence\":[{\"file\":"
        + "\"backend/app.py\",\"line\":69,\"quote\":\"@app.route(\\\"/api/todos\\\", methods=[\\\"GET\\\"])\"}]}"));
    try (ServiceRun s = ServiceRun.embedding(Map.of("AI_PROVIDER", "openrouter", "AI_API_KEY", KEY, "AI_BASE_URL",
        model.v1().toString()),
        List.of(Fixtures.todoApp()))) {
      JsonNode r = s.send(request("k1", "[\"requirements-scanner\"]"), "ai_analysis_result");

      assertThat(r.get("status").asText()).isEqualTo("success");
      JsonNode scanner = r.at("/analysis/tools/requirements-scanner");
      assertThat(scanner.get("provider").asText()).isEqualTo("openrouter");
      assertThat(scanner.get("method").asText()).isEqualTo("llm");
      assertThat(scanner.get("llm_used").asBoolean()).isTrue();
      assertThat(scanner.get("tokens_in").asLong()).isEqualTo(120);
      assertThat(scanner.get("estimated_cost_usd").asDouble()).isEqualTo(0.00042);
      assertThat(scanner.at("/results/backend_requirements/0/verification_pass").asText()).isEqualTo("confirmed");
      assertThat(new ObjectMapper().writeValueAsString(r)).doesNotContain(KEY);
      assertThat(model.requests().get(0).headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
    }
  }

  @Test
  void aModelThatNeverAnswersJsonMakesTheToolFailNotSucceed() throws Exception {
    model.then(answer("I think it is met."));
    try (ServiceRun s = ServiceRun.embedding(Map.of("AI_BASE_URL", model.v1().toString(), "AI_MODEL", "m"),
        List.of(Fixtures.todoApp()))) {
      JsonNode only = s.send(request("k2", "[\"requirements-scanner\"]"), "ai_analysis_result");
      JsonNode both = s.send(request("k3", "[\"requirements-scanner\",\"code-quality-analyzer\"]"), "ai_analysis_result");

      assertThat(only.get("status").asText()).isEqualTo("error");
      assertThat(only.get("error").asText()).contains("requirements-scanner").contains("after one repair");
      assertThat(only.at("/analysis/tools/requirements-scanner/status").asText()).isEqualTo("error");
      assertThat(both.get("status").asText()).isEqualTo("partial");
      assertThat(both.at("/analysis/errors/0").asText()).startsWith("requirements-scanner:");
      assertThat(both.at("/analysis/tools/code-quality-analyzer/status").asText()).isEqualTo("success");
    }
  }

  @Test
  void aGgufModelPathSelectsTheInProcessEngine() throws Exception {
    try (ServiceRun s = ServiceRun.embedding(Map.of("AI_MODEL_PATH",
        Fixtures.resource("models/llama-2-tiny-random.gguf").toString(), "AI_MAX_RESPONSE_TOKENS", "1500"),
        List.of(Fixtures.todoApp()))) {
      JsonNode r = s.send(request("k4", "[\"requirements-scanner\"]"), "ai_analysis_result");

      JsonNode scanner = r.at("/analysis/tools/requirements-scanner");
      assertThat(scanner.get("status").asText()).as(r.toString()).isEqualTo("success");
      assertThat(scanner.get("method").asText()).isEqualTo("local-llm");
      assertThat(scanner.get("provider").asText()).isEqualTo("llama.cpp-in-process");
      assertThat(scanner.get("llm_used").asBoolean()).isTrue();
      assertThat(scanner.get("tokens_out").asLong()).isPositive();
    }
  }

  @Test
  void cancelRequestClosesTheModelStreamAndRepliesCancelled() throws Exception {
    CountDownLatch clientGone = new CountDownLatch(1);
    model.then(ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      try {
        out.write(chunk("{", null).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 1500; i++) {
          out.write(": OPENROUTER PROCESSING\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          Thread.sleep(20);
        }
      } catch (IOException closed) {
        clientGone.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (ServiceRun s = ServiceRun.embedding(Map.of("AI_BASE_URL", model.v1().toString(), "AI_MODEL", "m"),
        List.of(Fixtures.todoApp())); WsClient ws = WsClient.connect(s.url())) {
      ws.send(request("k5", "[\"requirements-scanner\"]"));
      await().atMost(Duration.ofSeconds(30)).until(() -> !model.requests().isEmpty());

      ws.send("{\"type\":\"cancel_request\",\"id\":\"k5\"}");

      JsonNode r = new ObjectMapper().readTree(ws.nextOfType("ai_analysis_result", Duration.ofSeconds(20)));
      assertThat(r.get("status").asText()).isEqualTo("cancelled");
      assertThat(clientGone.await(10, TimeUnit.SECONDS)).as("the model stream was closed").isTrue();
    }
  }
}
