package dev.analyzer.staticanalyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walk's caps: defaults, and out-of-range values refused with the variable, range and value. */
class StaticSettingsTest {

  private static StaticSettings of(Map<String, String> env) {
    return StaticSettings.fromEnvironment(Environment.of(env));
  }

  @Test
  void theCapsHaveTheirDefaults() {
    StaticSettings s = of(Map.of());

    assertThat(s.maxTotalBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(s.maxDepth()).isEqualTo(32);
    assertThat(s.walkLimits().maxFiles()).isEqualTo(20_000);
    assertThat(s.walkLimits().maxFileBytes()).isEqualTo(2 * 1024 * 1024);
  }

  @Test
  void valuesInRangeAreTaken() {
    StaticSettings s = of(Map.of("ANALYZER_MAX_TOTAL_BYTES", "10737418240", "ANALYZER_MAX_DEPTH", "5"));

    assertThat(s.walkLimits().maxTotalBytes()).isEqualTo(10L * 1024 * 1024 * 1024);
    assertThat(s.walkLimits().maxDepth()).isEqualTo(5);
  }

  @Test
  void outOfRangeValuesNameTheVariableTheRangeAndTheValue() {
    assertThatThrownBy(() -> of(Map.of("ANALYZER_MAX_TOTAL_BYTES", "1000"))).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_MAX_TOTAL_BYTES must be 1048576..68719476736, got 1000");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_MAX_TOTAL_BYTES", "lots"))).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_MAX_TOTAL_BYTES must be an integer 1048576..68719476736, got 'lots'");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_MAX_DEPTH", "0"))).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_MAX_DEPTH must be 1..256, got 0");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_MAX_DEPTH", "257"))).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_MAX_DEPTH must be 1..256, got 257");
  }

  @Test
  void theToolSandboxIsAutoByDefaultAndOneOfThreeModes() {
    assertThat(of(Map.of()).toolSandbox()).isEqualTo(dev.analyzer.staticanalyzer.sandbox.SandboxMode.AUTO);
    assertThat(of(Map.of("ANALYZER_TOOL_SANDBOX", "off")).toolSandbox())
        .isEqualTo(dev.analyzer.staticanalyzer.sandbox.SandboxMode.OFF);
    assertThatThrownBy(() -> of(Map.of("ANALYZER_TOOL_SANDBOX", "docker"))).isInstanceOf(SettingsException.class)
        .hasMessageContaining("ANALYZER_TOOL_SANDBOX").hasMessageContaining("docker");
  }

  @Test
  void theEngineThreadsAreTheCoresAtMostEightByDefaultOrTheGivenCount() {
    int cores = Runtime.getRuntime().availableProcessors();

    assertThat(of(Map.of()).engineThreads()).isZero();
    assertThat(of(Map.of()).engineWorkers()).isEqualTo(Math.min(8, cores));
    assertThat(of(Map.of("ANALYZER_ENGINE_THREADS", "3")).engineWorkers()).isEqualTo(3);
    assertThatThrownBy(() -> of(Map.of("ANALYZER_ENGINE_THREADS", "65"))).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_ENGINE_THREADS must be 0..64, got 65");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_ENGINE_THREADS", "all"))).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_ENGINE_THREADS must be an integer 0..64, got 'all'");
  }
}
