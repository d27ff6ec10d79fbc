package dev.analyzer.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AiSettingsTest {

  @Test
  void defaultsNeedNoModel() {
    AiSettings s = AiSettings.defaults();

    assertThat(s.method()).isEqualTo("auto");
    assertThat(s.baseUrl()).isNull();
    assertThat(s.modelPath()).isNull();
    assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(s.tokenBudget()).isEqualTo(200_000);
  }

  @Test
  void badValuesNameTheVariableAndTheBound() {
    assertThatThrownBy(() -> AiSettings.fromEnvironment(Environment.of(Map.of("AI_MAX_RETRIES", "99"))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("AI_MAX_RETRIES").hasMessageContaining("0..10");
    assertThatThrownBy(() -> AiSettings.fromEnvironment(Environment.of(Map.of("AI_BASE_URL", "ftp://x"))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("AI_BASE_URL");
    assertThatThrownBy(() -> AiSettings.fromEnvironment(Environment.of(Map.of("AI_BASE_URL", "http://u:p@h/v1"))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("credentials");
    assertThatThrownBy(() -> AiSettings.fromEnvironment(Environment.of(Map.of("AI_METHOD", "magic"))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("AI_METHOD");
  }

  @Test
  void askingForAMethodThatCannotRunFailsAtStart() {
    AiSettings llm = AiSettings.defaults().withMethod("llm");
    AiSettings local = AiSettings.defaults().withMethod("local-llm");

    assertThatThrownBy(() -> Reviewers.fromEnvironment(llm, n -> null)).isInstanceOf(SettingsException.class)
        .hasMessageContaining("OPENROUTER_API_KEY");
    assertThatThrownBy(() -> Reviewers.fromEnvironment(local, n -> null)).isInstanceOf(SettingsException.class)
        .hasMessageContaining("AI_MODEL_PATH");
  }

  @Test
  void theKeyDecidesThePresetAndNeverShowsInTheNote() {
    ReviewerSelector sel = Reviewers.fromEnvironment(AiSettings.defaults(),
        Environment.of(Map.of("OPENROUTER_API_KEY", "sk-or-hidden")));

    ReviewerSelector.Selection s = sel.select(dev.analyzer.core.protocol.AnalysisRequest.builder(
        dev.analyzer.core.protocol.AnalysisKind.AI).build());
    assertThat(s.method()).isEqualTo("llm");
    assertThat(s.note()).contains("openrouter").contains("OPENROUTER_API_KEY").doesNotContain("sk-or-hidden");
  }
}
