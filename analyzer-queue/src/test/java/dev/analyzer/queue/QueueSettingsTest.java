package dev.analyzer.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueSettingsTest {

  @Test
  void queueModeIsOffWhenTheUrlIsUnset() {
    assertThat(QueueSettings.fromEnvironment(Environment.of(Map.of()))).isEmpty();
  }

  @Test
  void defaultsApplyWhenOnlyTheUrlIsSet() {
    QueueSettings s = QueueSettings.fromEnvironment(Environment.of(Map.of(QueueSettings.URL, "nats://q:4222"))).orElseThrow();

    assertThat(s.servers()).containsExactly("nats://q:4222");
    assertThat(s.prefix()).isEqualTo("analyzer");
    assertThat(s.ackWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.maxDeliver()).isEqualTo(5);
    assertThat(s.replicas()).isEqualTo(1);
    assertThat(s.storage()).isEqualTo("file");
    assertThat(s.objectThreshold()).isEqualTo(524_288);
    assertThat(s.auth()).isEqualTo(QueueAuth.none());
  }

  @Test
  void everyVariableIsRead(@TempDir Path dir) throws Exception {
    Path creds = Files.writeString(dir.resolve("user.creds"), "creds");
    QueueSettings s = QueueSettings.fromEnvironment(Environment.of(Map.ofEntries(
        Map.entry(QueueSettings.URL, "nats://a:4222, tls://b:4222"),
        Map.entry(QueueSettings.PREFIX, "fleet"),
        Map.entry(QueueSettings.ACK_WAIT, "2.5"),
        Map.entry(QueueSettings.MAX_DELIVER, "7"),
        Map.entry(QueueSettings.NAK_DELAY, "0"),
        Map.entry(QueueSettings.REPLICAS, "3"),
        Map.entry(QueueSettings.STORAGE, "memory"),
        Map.entry(QueueSettings.DUPLICATE_WINDOW, "600"),
        Map.entry(QueueSettings.RESULT_TTL, "3600"),
        Map.entry(QueueSettings.OBJECT_THRESHOLD, "2048"),
        Map.entry(QueueSettings.MAX_ACK_PENDING, "50"),
        Map.entry(QueueSettings.TIMEOUT, "3"),
        Map.entry(QueueAuth.CREDS, creds.toString())))).orElseThrow();

    assertThat(s.servers()).containsExactly("nats://a:4222", "tls://b:4222");
    assertThat(s.prefix()).isEqualTo("fleet");
    assertThat(s.ackWait()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.maxDeliver()).isEqualTo(7);
    assertThat(s.nakDelay()).isZero();
    assertThat(s.replicas()).isEqualTo(3);
    assertThat(s.storage()).isEqualTo("memory");
    assertThat(s.duplicateWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.resultTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(s.objectThreshold()).isEqualTo(2048);
    assertThat(s.maxAckPending()).isEqualTo(50);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.auth().credentialsFile()).isEqualTo(creds);
    assertThat(s.names().requestStream(dev.analyzer.core.protocol.AnalysisKind.AI)).isEqualTo("FLEET_AI");
  }

  @Test
  void aBadValueNamesTheVariableTheBoundAndTheValue() {
    assertThatThrownBy(() -> QueueSettings.fromEnvironment(Environment.of(Map.of(QueueSettings.URL, "nats://q:4222",
        QueueSettings.MAX_DELIVER, "0"))))
        .isInstanceOf(SettingsException.class).hasMessage("ANALYZER_QUEUE_MAX_DELIVER must be 1..100, got 0");
    assertThatThrownBy(() -> QueueSettings.builder("nats://q:4222").withAckWait(Duration.ofMillis(10)).build())
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_QUEUE_ACK_WAIT must be 0.5..43200 s");
  }

  @Test
  void theUrlMustBeNatsOrTls() {
    assertThatThrownBy(() -> QueueSettings.builder("http://q:4222"))
        .isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_QUEUE_URL must be nats://host:port or tls://host:port, got 'http://q:4222'");
    assertThatThrownBy(() -> QueueSettings.builder(" "))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_QUEUE_URL");
  }

  @Test
  void thePrefixMustBeASubjectAndStreamToken() {
    assertThatThrownBy(() -> QueueSettings.builder("nats://q:4222").withPrefix("a.b").build())
        .isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_QUEUE_PREFIX must be [a-z][a-z0-9_]{0,31}, got a.b");
  }

  @Test
  void credentialsAndTokenExcludeEachOther(@TempDir Path dir) throws Exception {
    Path creds = Files.writeString(dir.resolve("u.creds"), "x");

    assertThatThrownBy(() -> new QueueAuth(creds, "secret", null, null, null, null))
        .isInstanceOf(SettingsException.class)
        .hasMessage("set one of ANALYZER_QUEUE_CREDS or ANALYZER_QUEUE_TOKEN, not both");
  }

  @Test
  void aMissingCredentialsFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("none.creds");

    assertThatThrownBy(() -> QueueAuth.fromEnvironment(Environment.of(Map.of(QueueAuth.CREDS, missing.toString()))))
        .isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_QUEUE_CREDS must name a readable file, got " + missing + " (no such file)");
  }

  @Test
  void aKeyStoreNeedsATrustStore(@TempDir Path dir) throws Exception {
    Path ks = Files.writeString(dir.resolve("client.p12"), "x");

    assertThatThrownBy(() -> new QueueAuth(null, null, null, null, ks, "pw"))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_QUEUE_TLS_TRUSTSTORE");
  }

  @Test
  void secretsNeverShowInToString() {
    QueueSettings s = QueueSettings.builder("nats://q:4222")
        .withAuth(new QueueAuth(null, "s3cret-token", null, null, null, null)).build();

    assertThat(s.toString()).doesNotContain("s3cret-token").contains("token=***");
  }

  @Test
  void toBuilderKeepsEveryValue() {
    QueueSettings s = QueueSettings.builder("nats://a:1,nats://b:2").withPrefix("p").withMaxDeliver(9)
        .withReplicas(3).withStorage("memory").build();

    QueueSettings copy = s.toBuilder().build();

    assertThat(copy.servers()).isEqualTo(List.of("nats://a:1", "nats://b:2"));
    assertThat(copy.prefix()).isEqualTo("p");
    assertThat(copy.maxDeliver()).isEqualTo(9);
    assertThat(copy.replicas()).isEqualTo(3);
    assertThat(copy.storage()).isEqualTo("memory");
  }
}
