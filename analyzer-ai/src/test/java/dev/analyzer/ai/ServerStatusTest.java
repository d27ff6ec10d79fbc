package dev.analyzer.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.ai.endpoints.ControlTests;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.http.target.TargetPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerStatusTest {

  @Test
  void theOriginalsServerStatusBodySaysTheMethodAndNeverTheKey() {
    Environment env = Environment.of(Map.of("AI_API_KEY", "sk-never-shown", "AI_BASE_URL", "http://127.0.0.1:9/v1"));
    AiSettings s = AiSettings.fromEnvironment(env);
    AiAnalyzerService service = new AiAnalyzerService(s, Reviewers.fromEnvironment(s, env),
        new ControlTests(TargetPolicy.loopbackOnly()));

    Map<String, Object> status = service.serverStatus();

    assertThat(status.get("available_tools")).isEqualTo(List.of("requirements-scanner", "code-quality-analyzer"));
    assertThat(status.get("requirements_system")).isEqualTo("template-based");
    assertThat((List<?>) status.get("quality_metrics")).hasSize(8);
    assertThat(((Map<?, ?>) status.get("configuration")).get("method")).isEqualTo("llm");
    assertThat(status.toString()).doesNotContain("sk-never-shown").contains("AI_API_KEY");
  }
}
