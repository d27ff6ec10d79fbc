package dev.analyzer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every variable: its default and its rejection message. */
class ConnectionSettingsTest {

  private static ConnectionSettings with(String name, String value) {
    return ConnectionSettings.fromEnvironment(Environment.of(Map.of(name, value)));
  }

  @Test
  void defaultsAreTheGuidesValues() {
    ConnectionSettings s = ConnectionSettings.fromEnvironment(Environment.of(Map.of()));

    assertThat(s).isEqualTo(ConnectionSettings.defaults());
    assertThat(s.maxConnections()).isEqualTo(50);
    assertThat(s.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(s.circuitThreshold()).isEqualTo(5);
    assertThat(s.circuitTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.circuitHalfOpenCalls()).isEqualTo(3);
  }

  @Test
  void blankValuesMeanTheDefault() {
    assertThat(with("ANALYZER_MAX_CONNECTIONS", "  ").maxConnections()).isEqualTo(50);
  }

  @Test
  void setValuesAreRead() {
    assertThat(with("ANALYZER_MAX_CONNECTIONS", "2").maxConnections()).isEqualTo(2);
    assertThat(with("ANALYZER_CONNECTION_TIMEOUT", "0.5").connectionTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(with("ANALYZER_IDLE_TIMEOUT", "30").idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(with("ANALYZER_CIRCUIT_THRESHOLD", "2").circuitThreshold()).isEqualTo(2);
    assertThat(with("ANALYZER_CIRCUIT_TIMEOUT", "0.05").circuitTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(with("ANALYZER_CIRCUIT_HALF_OPEN_CALLS", "1").circuitHalfOpenCalls()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ANALYZER_MAX_CONNECTIONS|-3|ANALYZER_MAX_CONNECTIONS must be 1..100000, got -3",
      "ANALYZER_MAX_CONNECTIONS|many|ANALYZER_MAX_CONNECTIONS must be an integer 1..100000, got 'many'",
      "ANALYZER_CONNECTION_TIMEOUT|0|ANALYZER_CONNECTION_TIMEOUT must be 0.1..3600 seconds, got 0",
      "ANALYZER_CONNECTION_TIMEOUT|ten|ANALYZER_CONNECTION_TIMEOUT must be a number of seconds 0.1..3600, got 'ten'",
      "ANALYZER_IDLE_TIMEOUT|100000|ANALYZER_IDLE_TIMEOUT must be 1..86400 seconds, got 100000",
      "ANALYZER_CIRCUIT_THRESHOLD|0|ANALYZER_CIRCUIT_THRESHOLD must be 1..1000, got 0",
      "ANALYZER_CIRCUIT_TIMEOUT|-1|ANALYZER_CIRCUIT_TIMEOUT must be 0.01..86400 seconds, got -1",
      "ANALYZER_CIRCUIT_HALF_OPEN_CALLS|1001|ANALYZER_CIRCUIT_HALF_OPEN_CALLS must be 1..1000, got 1001",
  })
  void badValuesNameVariableBoundAndValue(String name, String value, String message) {
    assertThatThrownBy(() -> with(name, value))
        .isInstanceOf(SettingsException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((SettingsException) e).variable()).isEqualTo(name));
  }

  @Test
  void constructorValidatesToo() {
    assertThatThrownBy(() -> new ConnectionSettings(0, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
        Duration.ofSeconds(1), 1)).hasMessage("ANALYZER_MAX_CONNECTIONS must be 1..100000, got 0");
  }
}
