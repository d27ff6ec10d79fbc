package dev.analyzer.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceSettingsTest {

  @Test
  void defaultsAndOverrides() {
    assertThat(PerformanceSettings.defaults().maxRate()).isEqualTo(50_000);
    PerformanceSettings s = PerformanceSettings.fromEnvironment(Environment.of(Map.of("ANALYZER_PERF_MAX_RATE", "100",
        "ANALYZER_PERF_DURATION", "2.5", "ANALYZER_PERF_IO_THREADS", "2")));
    assertThat(s.maxRate()).isEqualTo(100);
    assertThat(s.defaultDuration()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.ioThreads()).isEqualTo(2);
  }

  @Test
  void badValuesNameTheVariableAndItsBound() {
    assertThatThrownBy(() -> PerformanceSettings.fromEnvironment(Environment.of(Map.of("ANALYZER_PERF_MAX_CONNECTIONS",
        "0")))).isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_PERF_MAX_CONNECTIONS")
        .hasMessageContaining("1..100000");
    assertThatThrownBy(() -> PerformanceSettings.fromEnvironment(Environment.of(Map.of("ANALYZER_PERF_DURATION", "600"))))
        .hasMessageContaining("ANALYZER_PERF_MAX_DURATION");
  }
}
