package dev.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue mode settings: off without a URL, the launcher's URL first, secrets from files, errors naming the variable. */
class QueueModeSettingsTest {

  @TempDir
  Path dir;

  @Test
  void withoutAUrlQueueModeIsOff() {
    assertThat(QueueModeSettings.fromEnvironment(Environment.of(Map.of()))).isEmpty();
  }

  @Test
  void theEnvironmentTurnsItOnWithDefaults() {
    QueueModeSettings s = QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://127.0.0.1:4222"))).orElseThrow();

    assertThat(s.queue().servers()).containsExactly("nats://127.0.0.1:4222");
    assertThat(s.maxConcurrent()).isZero();
    assertThat(s.slots(8)).isEqualTo(8);
    assertThat(s.reconnectMax()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theLaunchersUrlOverridesTheEnvironment() {
    QueueModeSettings s = QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://a:4222")), "nats://b:4222").orElseThrow();

    assertThat(s.queue().servers()).containsExactly("nats://b:4222");
  }

  @Test
  void theTokenMayComeFromAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  s3cr3t-token \n");

    QueueModeSettings s = QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://127.0.0.1:4222", "ANALYZER_QUEUE_TOKEN_FILE", file.toString()))).orElseThrow();

    assertThat(s.queue().auth().token()).isEqualTo("s3cr3t-token");
    assertThat(s.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void aTokenSetTwiceIsRefusedNamingBothVariables() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "t");

    assertThatThrownBy(() -> QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://127.0.0.1:4222", "ANALYZER_QUEUE_TOKEN", "x",
        "ANALYZER_QUEUE_TOKEN_FILE", file.toString()))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("ANALYZER_QUEUE_TOKEN").hasMessageContaining("ANALYZER_QUEUE_TOKEN_FILE");
  }

  @Test
  void anUnreadablePasswordFileIsRefusedNamingItsVariable() {
    assertThatThrownBy(() -> QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://127.0.0.1:4222",
        "ANALYZER_QUEUE_TLS_TRUSTSTORE_PASSWORD_FILE", dir.resolve("missing").toString()))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_QUEUE_TLS_TRUSTSTORE_PASSWORD_FILE");
  }

  @Test
  void badValuesAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "http://127.0.0.1:4222"))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_QUEUE_URL");
    assertThatThrownBy(() -> QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://127.0.0.1:4222", "ANALYZER_QUEUE_MAX_CONCURRENT", "0"))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_QUEUE_MAX_CONCURRENT");
    assertThatThrownBy(() -> QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://127.0.0.1:4222", "ANALYZER_QUEUE_RECONNECT_MAX", "0"))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_QUEUE_RECONNECT_MAX");
    assertThatThrownBy(() -> QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://127.0.0.1:4222", "ANALYZER_QUEUE_MAX_CONCURRENT", "9"))).orElseThrow().slots(8))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_QUEUE_MAX_CONCURRENT must be 1..8");
  }

  @Test
  void toStringNeverShowsTheServersUserInfo() {
    QueueModeSettings s = QueueModeSettings.fromEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://me:pw123@127.0.0.1:4222"))).orElseThrow();

    assertThat(s.toString()).doesNotContain("pw123").doesNotContain("me:");
  }

  @Test
  void theLauncherExitsTwoForABadQueueUrl() {
    int code = ServiceLauncher.execute(dev.analyzer.service.testing.ScriptedService::new,
        new String[] {"--port", "0", "--queue", "http://127.0.0.1:4222"}, Environment.of(Map.of(
            "ANALYZER_SOURCE_ROOTS", dir.toString())));

    assertThat(code).isEqualTo(2);
  }
}
