package dev.analyzer.ai.functional;

import static dev.analyzer.ai.testing.FakeModelServer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.ai.AiSettings;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.Reviewers;
import dev.analyzer.ai.ServiceRun;
import dev.analyzer.ai.testing.FakeModelServer;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Review finding 1: a key goes only where it belongs (a real service, a loopback fake model). */
class KeyRoutingTest {

  static final String OR_KEY = "sk-or-v1-SECRET-must-stay-home-123456";
  static final String MET = "{\"verdict\":\"met\",\"confidence\":\"HIGH\",\"explanation\":\"route\",\"evidence\":[{\"file\":"
      + "\"backend/app.py\",\"line\":69,\"quote\":\"@app.route(\\\"/api/todos\\\", methods=[\\\"GET\\\"])\"}]}";

  @ParameterizedTest
  @ValueSource(strings = {"vllm", "ollama", "auto", "openai"})
  void theOpenRouterKeyIsNeverSentToAnotherBaseUrl(String provider) throws Exception {
    try (FakeModelServer model = new FakeModelServer().then(answer(MET));
        ServiceRun s = ServiceRun.embedding(Map.of("OPENROUTER_API_KEY", OR_KEY, "AI_BASE_URL", model.v1().toString(),
            "AI_PROVIDER", provider, "AI_MODEL", "m"), List.of(Fixtures.todoApp()))) {
      JsonNode r = s.send("{\"type\":\"ai_analyze\",\"id\":\"r1\",\"source_path\":\"" + Fixtures.todoApp()
          + "\",\"tools\":[\"requirements-scanner\"]," + AiServiceBackendsTest.ONE_REQUIREMENT + "}", "ai_analysis_result");

      assertThat(r.at("/analysis/tools/requirements-scanner/method").asText()).isEqualTo("llm");
      assertThat(model.requests()).isNotEmpty();
      for (FakeModelServer.Recorded req : model.requests()) {
        assertThat(req.headers().getFirst("Authorization")).as(provider).isNull();
        assertThat(req.headers().getFirst("HTTP-Referer")).as("no OpenRouter attribution for " + provider).isNull();
      }
      assertThat(r.at("/analysis/tools/requirements-scanner/provider").asText()).isNotEqualTo("openrouter");
    }
  }

  @Test
  void theApiKeyGoesToTheBaseUrlAndTheOpenRouterKeyOnlyToOpenRouter() throws Exception {
    try (FakeModelServer model = new FakeModelServer().then(answer(MET));
        ServiceRun s = ServiceRun.embedding(Map.of("OPENROUTER_API_KEY", OR_KEY, "AI_API_KEY", "sk-local-key-42",
            "AI_BASE_URL", model.v1().toString(), "AI_PROVIDER", "openrouter"), List.of(Fixtures.todoApp()))) {
      s.send("{\"type\":\"ai_analyze\",\"id\":\"r2\",\"source_path\":\"" + Fixtures.todoApp()
          + "\",\"tools\":[\"requirements-scanner\"]," + AiServiceBackendsTest.ONE_REQUIREMENT + "}", "ai_analysis_result");

      assertThat(model.requests().get(0).headers().getFirst("Authorization")).isEqualTo("Bearer sk-local-key-42");
    }
    AiSettings s = AiSettings.defaults();
    String note = Reviewers.fromEnvironment(s, Environment.of(Map.of("OPENROUTER_API_KEY", OR_KEY)))
        .select(dev.analyzer.core.protocol.AnalysisRequest.builder(dev.analyzer.core.protocol.AnalysisKind.AI).build())
        .note();
    assertThat(note).contains("openrouter.ai").contains("key from OPENROUTER_API_KEY");
  }

  @Test
  void aKeyOverPlainHttpToARemoteHostIsRefusedNamingTheVariable() {
    Map<String, String> env = Map.of("AI_API_KEY", "sk-abc-123456789", "AI_BASE_URL", "http://models.example.com/v1");
    AiSettings s = AiSettings.fromEnvironment(Environment.of(env));

    assertThatThrownBy(() -> Reviewers.fromEnvironment(s, Environment.of(env))).isInstanceOf(SettingsException.class)
        .hasMessageContaining("AI_API_KEY").hasMessageContaining("plain http").hasMessageNotContaining("sk-abc");
    Map<String, String> loop = Map.of("AI_API_KEY", "sk-abc-123456789", "AI_BASE_URL", "http://localhost:9/v1");
    Reviewers.fromEnvironment(AiSettings.fromEnvironment(Environment.of(loop)), Environment.of(loop));
  }
}
