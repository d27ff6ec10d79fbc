package dev.analyzer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenSettingsTest {

  @Test
  void defaultsToLoopbackAndTheServicesPort() {
    ListenSettings s = ListenSettings.fromEnvironment(Environment.of(Map.of()), 2001);

    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.port()).isEqualTo(2001);
  }

  @Test
  void honoursTheOriginalsVariables() {
    ListenSettings s = ListenSettings.fromEnvironment(
        Environment.of(Map.of("WEBSOCKET_HOST", "0.0.0.0", "WEBSOCKET_PORT", "0")), 2001);

    assertThat(s.host()).isEqualTo("0.0.0.0");
    assertThat(s.port()).isZero();
  }

  @Test
  void rejectsBadPortAndHostByName() {
    assertThatThrownBy(() -> ListenSettings.fromEnvironment(Environment.of(Map.of("WEBSOCKET_PORT", "70000")), 1))
        .hasMessage("WEBSOCKET_PORT must be 0..65535, got 70000");
    assertThatThrownBy(() -> ListenSettings.fromEnvironment(Environment.of(Map.of("WEBSOCKET_PORT", "x")), 1))
        .hasMessage("WEBSOCKET_PORT must be an integer 0..65535, got 'x'");
    assertThatThrownBy(() -> ListenSettings.fromEnvironment(Environment.of(Map.of("WEBSOCKET_HOST", "a b")), 1))
        .hasMessageContaining("WEBSOCKET_HOST must not contain spaces");
  }
}
