package dev.analyzer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every client variable: default and rejection. */
class ClientSettingsTest {

  private static ClientSettings of(Map<String, String> env) {
    return ClientSettings.fromEnvironment(Environment.of(env));
  }

  @Test
  void defaultsAreTheOriginals() {
    ClientSettings s = of(Map.of());

    assertThat(s.replicas().get(AnalysisKind.STATIC)).containsExactly(URI.create("ws://127.0.0.1:2001"));
    assertThat(s.replicas().get(AnalysisKind.DYNAMIC)).containsExactly(URI.create("ws://127.0.0.1:2002"));
    assertThat(s.replicas().get(AnalysisKind.PERFORMANCE)).containsExactly(URI.create("ws://127.0.0.1:2003"));
    assertThat(s.replicas().get(AnalysisKind.AI)).containsExactly(URI.create("ws://127.0.0.1:2004"));
    assertThat(s.timeouts()).containsEntry(AnalysisKind.STATIC, Duration.ofSeconds(480))
        .containsEntry(AnalysisKind.DYNAMIC, Duration.ofSeconds(600))
        .containsEntry(AnalysisKind.PERFORMANCE, Duration.ofSeconds(600))
        .containsEntry(AnalysisKind.AI, Duration.ofSeconds(900));
    assertThat(s.connection().maxConnections()).isEqualTo(50);
    assertThat(s.authToken()).isNull();
  }

  @Test
  void replicaListsAreCommaSeparatedAsInTheOriginal() {
    ClientSettings s = of(Map.of("STATIC_ANALYZER_URLS", "ws://a:2001, ws://b:2051,,ws://c:2052",
        "PERF_TESTER_URL", "ws://perf:2003", "ANALYZER_MAX_CONNECTIONS", "7", "AI_ANALYSIS_TIMEOUT", "30"));

    assertThat(s.replicas().get(AnalysisKind.STATIC)).hasSize(3);
    assertThat(s.replicas().get(AnalysisKind.PERFORMANCE)).containsExactly(URI.create("ws://perf:2003"));
    assertThat(s.connection().maxConnections()).isEqualTo(7);
    assertThat(s.timeouts().get(AnalysisKind.AI)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> of(Map.of("DYNAMIC_ANALYZER_URLS", "http://x:1"))).isInstanceOf(SettingsException.class)
        .hasMessage("DYNAMIC_ANALYZER_URLS URLs must start with ws:// or wss://, got 'http://x:1'");
    assertThatThrownBy(() -> of(Map.of("AI_ANALYZER_URLS", " , "))).hasMessageContaining("AI_ANALYZER_URLS must name at least one");
    assertThatThrownBy(() -> of(Map.of("STATIC_ANALYSIS_TIMEOUT", "0"))).hasMessage(
        "STATIC_ANALYSIS_TIMEOUT must be 1..86400 seconds, got 0");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_CIRCUIT_THRESHOLD", "x"))).hasMessageContaining("ANALYZER_CIRCUIT_THRESHOLD");
  }

  @Test
  void thePingIntervalDefaultsTo15sIsBoundedAndZeroTurnsItOff() {
    assertThat(of(Map.of()).pingInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(of(Map.of("ANALYZER_CLIENT_PING_INTERVAL", "0.5")).pingInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(of(Map.of("ANALYZER_CLIENT_PING_INTERVAL", "0")).pingInterval()).isZero();
    assertThatThrownBy(() -> of(Map.of("ANALYZER_CLIENT_PING_INTERVAL", "0.01"))).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_CLIENT_PING_INTERVAL must be 0 (off) or 0.05..3600 s, got 0.01 s");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_CLIENT_PING_INTERVAL", "3601")))
        .hasMessageContaining("ANALYZER_CLIENT_PING_INTERVAL");
  }

  @Test
  void theTokenIsNeverPrinted() {
    assertThat(of(Map.of("ANALYZER_AUTH_TOKEN", "supersecret")).toString()).doesNotContain("supersecret");
  }

  @Test
  void theTokenMayComeFromAFileAndErrorsNeverShowIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("token"), "  file-token-123456\n");

    assertThat(of(Map.of("ANALYZER_AUTH_TOKEN_FILE", file.toString())).authToken()).isEqualTo("file-token-123456");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_AUTH_TOKEN_FILE", file.toString(), "ANALYZER_AUTH_TOKEN",
        "other-token-123"))).isInstanceOf(SettingsException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_AUTH_TOKEN_FILE", dir.resolve("missing").toString())))
        .isInstanceOf(SettingsException.class).hasMessageContaining("cannot be read");
    java.nio.file.Files.writeString(file, "short");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_AUTH_TOKEN_FILE", file.toString())))
        .isInstanceOf(SettingsException.class).hasMessageContaining("8+ characters").hasMessageNotContaining("short");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_AUTH_TOKEN", "has space1")))
        .isInstanceOf(SettingsException.class).hasMessageNotContaining("has space1");
  }

  @Test
  void theReplicaRefreshDefaultsTo30sIsBoundedAndZeroResolvesOnce() {
    assertThat(of(Map.of()).replicaRefresh()).isEqualTo(Duration.ofSeconds(30));
    assertThat(of(Map.of("ANALYZER_REPLICA_REFRESH", "5")).replicaRefresh()).isEqualTo(Duration.ofSeconds(5));
    assertThat(of(Map.of("ANALYZER_REPLICA_REFRESH", "0")).replicaRefresh()).isZero();
    assertThatThrownBy(() -> of(Map.of("ANALYZER_REPLICA_REFRESH", "0.5"))).isInstanceOf(SettingsException.class)
        .hasMessageContaining("ANALYZER_REPLICA_REFRESH").hasMessageContaining("0.5");
    assertThatThrownBy(() -> of(Map.of("ANALYZER_REPLICA_REFRESH", "x"))).hasMessageContaining("ANALYZER_REPLICA_REFRESH");
    assertThatThrownBy(() -> ClientSettings.defaults().withReplicaRefresh(Duration.ofDays(2)))
        .isInstanceOf(SettingsException.class).hasMessageContaining("0 (off) or 1..86400 s");
  }

  @Test
  void queueModeIsOffUnlessAnalyzerQueueUrlIsSetAndThenReadsTheOtherQueueVariables() {
    assertThat(of(Map.of()).queueMode()).isFalse();

    ClientSettings s = of(Map.of("ANALYZER_QUEUE_URL", "nats://nats-0:4222,nats://nats-1:4222",
        "ANALYZER_QUEUE_PREFIX", "fleet", "ANALYZER_QUEUE_TOKEN", "queue-secret-1"));

    assertThat(s.queueMode()).isTrue();
    assertThat(s.queue().servers()).containsExactly("nats://nats-0:4222", "nats://nats-1:4222");
    assertThat(s.queue().prefix()).isEqualTo("fleet");
    assertThat(s.queue().auth().token()).isEqualTo("queue-secret-1");
    assertThat(s.toString()).doesNotContain("queue-secret-1");
  }

  @Test
  void aBadQueueUrlNamesTheVariable() {
    assertThatThrownBy(() -> of(Map.of("ANALYZER_QUEUE_URL", "ws://nats:4222"))).isInstanceOf(SettingsException.class)
        .hasMessageContaining("ANALYZER_QUEUE_URL must be nats://host:port or tls://host:port, got 'ws://nats:4222'");
  }

  @Test
  void withQueueKeepsTheQueueVariablesOfTheEnvironmentAndWithoutQueueTurnsItOff() {
    AnalyzerClientBuilder b = AnalyzerClient.builder().withEnvironment(Environment.of(Map.of(
        "ANALYZER_QUEUE_URL", "nats://old:4222", "ANALYZER_QUEUE_PREFIX", "fleet", "ANALYZER_QUEUE_TIMEOUT", "3")));

    ClientSettings s = b.withQueue("tls://new:4222").settings;

    assertThat(s.queue().servers()).containsExactly("tls://new:4222");
    assertThat(s.queue().prefix()).isEqualTo("fleet");
    assertThat(s.queue().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(b.withoutQueue().settings.queueMode()).isFalse();
    assertThat(AnalyzerClient.builder().withEnvironment(Environment.of(Map.of())).withQueue("nats://h:4222").settings
        .queue().prefix()).isEqualTo("analyzer");
    assertThatThrownBy(() -> AnalyzerClient.builder().withQueue("http://h:4222")).isInstanceOf(SettingsException.class)
        .hasMessageContaining("ANALYZER_QUEUE_URL");
  }
}
