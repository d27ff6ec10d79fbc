package dev.analyzer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both variables: defaults, values read, and rejection messages that name the variable. */
class CompressionSettingsTest {

  private static CompressionSettings with(String name, String value) {
    return CompressionSettings.fromEnvironment(Environment.of(Map.of(name, value)));
  }

  @Test
  void defaultsAreLevelSixAndOneKibibyte() {
    CompressionSettings s = CompressionSettings.fromEnvironment(Environment.of(Map.of()));

    assertThat(s).isEqualTo(CompressionSettings.defaults());
    assertThat(s.level()).isEqualTo(6);
    assertThat(s.thresholdBytes()).isEqualTo(1024);
  }

  @Test
  void setValuesAreRead() {
    assertThat(with("ANALYZER_DEFLATE_LEVEL", "1").level()).isEqualTo(1);
    assertThat(with("ANALYZER_DEFLATE_THRESHOLD", "0").thresholdBytes()).isZero();
  }

  @Test
  void theThresholdSplitsMessagesBySize() {
    CompressionSettings s = new CompressionSettings(6, 100);

    assertThat(s.compresses(99)).isFalse();
    assertThat(s.compresses(100)).isTrue();
    assertThat(new CompressionSettings(6, 0).compresses(0)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "ANALYZER_DEFLATE_LEVEL, 10, ANALYZER_DEFLATE_LEVEL must be 0..9",
      "ANALYZER_DEFLATE_LEVEL, fast, ANALYZER_DEFLATE_LEVEL",
      "ANALYZER_DEFLATE_THRESHOLD, -1, ANALYZER_DEFLATE_THRESHOLD must be 0..1073741824"})
  void badValuesNameTheVariable(String name, String value, String message) {
    assertThatThrownBy(() -> with(name, value)).isInstanceOf(SettingsException.class).hasMessageContaining(message);
  }
}
