package dev.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every service variable: its default and its rejection message. */
class ServiceSettingsTest {

  @TempDir
  Path dir;

  private static ServiceSettings with(String name, String value) {
    return ServiceSettings.fromEnvironment(Environment.of(Map.of(name, value)), 2001);
  }

  @Test
  void defaults() {
    ServiceSettings s = ServiceSettings.fromEnvironment(Environment.of(Map.of()), 2001);

    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.port()).isEqualTo(2001);
    assertThat(s.maxConcurrentAnalyses()).isEqualTo(8);
    assertThat(s.maxFrameBytes()).isEqualTo(100 * 1024 * 1024);
    assertThat(s.authToken()).isNull();
    assertThat(s.sourceRoots()).hasSize(1);
    assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.analysisTimeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(s.pingInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.compression().level()).isEqualTo(6);
    assertThat(s.compression().thresholdBytes()).isEqualTo(1024);
    assertThat(s.maxRequestBytes()).isEqualTo(1024 * 1024);
    assertThat(s.maxConnections()).isEqualTo(1024);
    assertThat(s.allowedOrigins()).isEmpty();
  }

  @Test
  void theHardeningSettingsAreRead() {
    ServiceSettings s = ServiceSettings.fromEnvironment(Environment.of(Map.of("ANALYZER_MAX_REQUEST_BYTES", "2048",
        "ANALYZER_MAX_CONNECTIONS_PER_SERVICE", "7", "ANALYZER_ALLOWED_ORIGINS", "*")), 2001);

    assertThat(s.maxRequestBytes()).isEqualTo(2048);
    assertThat(s.inboundMessageLimit()).isEqualTo(2048);
    assertThat(s.maxConnections()).isEqualTo(7);
    assertThat(s.allowsOrigin("http://anything.example")).isTrue();
  }

  @Test
  void theRequestCapNeverExceedsTheFrameCap() {
    ServiceSettings small = ServiceSettings.fromEnvironment(Environment.of(Map.of("ANALYZER_MAX_FRAME_BYTES", "4096")), 1);

    assertThat(small.maxRequestBytes()).isEqualTo(4096);
    assertThat(ServiceSettings.defaults(1).withMaxFrameBytes(2048).inboundMessageLimit()).isEqualTo(2048);
    assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Environment.of(Map.of("ANALYZER_MAX_FRAME_BYTES", "4096",
        "ANALYZER_MAX_REQUEST_BYTES", "8192")), 1))
        .hasMessage("ANALYZER_MAX_REQUEST_BYTES must be 1024..4096, got 8192");
  }

  @Test
  void compressionIsReadFromItsVariables() {
    ServiceSettings s = ServiceSettings.fromEnvironment(Environment.of(Map.of("ANALYZER_DEFLATE_LEVEL", "1",
        "ANALYZER_DEFLATE_THRESHOLD", "0")), 2001);

    assertThat(s.compression()).isEqualTo(new dev.analyzer.core.settings.CompressionSettings(1, 0));
    assertThat(s.withPort(3).compression()).isEqualTo(s.compression());
  }

  @Test
  void setValuesAreRead() throws Exception {
    Path other = dir.resolve("b");
    java.nio.file.Files.createDirectories(other);
    ServiceSettings s = ServiceSettings.fromEnvironment(Environment.of(Map.of(
        "WEBSOCKET_HOST", "0.0.0.0", "WEBSOCKET_PORT", "9001", "ANALYZER_MAX_CONCURRENT_ANALYSES", "2",
        "ANALYZER_MAX_FRAME_BYTES", "4096", "ANALYZER_AUTH_TOKEN", "0123456789abcdef",
        "ANALYZER_SOURCE_ROOTS", dir + ":" + other, "ANALYZER_SHUTDOWN_GRACE", "1.5",
        "ANALYZER_ANALYSIS_TIMEOUT", "60", "ANALYZER_PING_INTERVAL", "0")), 2001);

    assertThat(s.host()).isEqualTo("0.0.0.0");
    assertThat(s.port()).isEqualTo(9001);
    assertThat(s.maxConcurrentAnalyses()).isEqualTo(2);
    assertThat(s.maxFrameBytes()).isEqualTo(4096);
    assertThat(s.authToken()).isEqualTo("0123456789abcdef");
    assertThat(s.sourceRoots()).containsExactly(dir.toRealPath(), other.toRealPath());
    assertThat(s.shutdownGrace()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.analysisTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.pingInterval()).isZero();
    assertThat(s.toString()).doesNotContain("0123456789abcdef");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ANALYZER_MAX_CONCURRENT_ANALYSES|0|ANALYZER_MAX_CONCURRENT_ANALYSES must be 1..10000, got 0",
      "ANALYZER_MAX_FRAME_BYTES|12|ANALYZER_MAX_FRAME_BYTES must be 1024..1073741824, got 12",
      "ANALYZER_AUTH_TOKEN|short|ANALYZER_AUTH_TOKEN must be at least 8 characters without spaces, got 5 characters",
      "ANALYZER_SOURCE_ROOTS|/no/such/dir|ANALYZER_SOURCE_ROOTS must name existing directories, got /no/such/dir",
      "ANALYZER_SHUTDOWN_GRACE|-1|ANALYZER_SHUTDOWN_GRACE must be 0..3600 seconds, got -1",
      "ANALYZER_ANALYSIS_TIMEOUT|0|ANALYZER_ANALYSIS_TIMEOUT must be 1..86400 seconds, got 0",
      "ANALYZER_PING_INTERVAL|soon|ANALYZER_PING_INTERVAL must be a number of seconds 0..3600, got 'soon'",
      "WEBSOCKET_PORT|-1|WEBSOCKET_PORT must be 0..65535, got -1",
      "ANALYZER_DEFLATE_LEVEL|10|ANALYZER_DEFLATE_LEVEL must be 0..9, got 10",
      "ANALYZER_MAX_REQUEST_BYTES|100|ANALYZER_MAX_REQUEST_BYTES must be 1024..104857600, got 100",
      "ANALYZER_MAX_CONNECTIONS_PER_SERVICE|0|ANALYZER_MAX_CONNECTIONS_PER_SERVICE must be 1..100000, got 0",
      "ANALYZER_ALLOWED_ORIGINS|evil.example|ANALYZER_ALLOWED_ORIGINS must list origins such as http://localhost:3000 (scheme://host[:port], no path) or *, got 'evil.example'",
      "ANALYZER_MAX_QUEUED_ANALYSES|-1|ANALYZER_MAX_QUEUED_ANALYSES must be 0..100000, got -1",
      "ANALYZER_PATH_MAP|/app/sources|ANALYZER_PATH_MAP entry '/app/sources' is not prefix=directory (such as /app/sources=/srv/apps)",
      "ANALYZER_PATH_MAP|/app/sources=/no/such/dir|ANALYZER_PATH_MAP entry '/app/sources=/no/such/dir' maps onto /no/such/dir, which is not an existing directory",
      "ANALYZER_PATH_MAP|app/sources=/tmp|ANALYZER_PATH_MAP entry 'app/sources=/tmp' needs an absolute prefix other than / without . or .. segments",
      "ANALYZER_PATH_MAP|/app/../etc=/tmp|ANALYZER_PATH_MAP entry '/app/../etc=/tmp' needs an absolute prefix other than / without . or .. segments",
      "GATEWAY_URL|http://gw:8765|GATEWAY_URL must be a ws:// or wss:// URL with a host, got 'http://gw:8765'",
      "GATEWAY_URL|ws://user:pw@gw:8765|GATEWAY_URL must be a ws:// or wss:// URL with a host, got 'ws://user:pw@gw:8765'",
      "ANALYZER_GATEWAY_QUEUE_SIZE|0|ANALYZER_GATEWAY_QUEUE_SIZE must be 1..1000000, got 0",
  })
  void badValuesNameVariableBoundAndValue(String name, String value, String message) {
    assertThatThrownBy(() -> with(name, value)).isInstanceOf(SettingsException.class).hasMessage(message);
  }

  @Test
  void theQueuePathMapAndGatewayAreRead() throws Exception {
    Path apps = java.nio.file.Files.createDirectory(dir.resolve("apps"));
    ServiceSettings s = ServiceSettings.fromEnvironment(Environment.of(Map.of("ANALYZER_MAX_QUEUED_ANALYSES", "3",
        "ANALYZER_PATH_MAP", " /app/sources=" + apps + " , /app/sources/special=" + dir, "GATEWAY_URL",
        "ws://127.0.0.1:8765", "ANALYZER_GATEWAY_QUEUE_SIZE", "7")), 2001);

    assertThat(s.maxQueuedAnalyses()).isEqualTo(3);
    assertThat(s.pathMap().entries()).extracting(e -> e.prefix().toString())
        .containsExactly("/app/sources/special", "/app/sources");
    assertThat(s.pathMap().entries().get(1).directory()).isEqualTo(apps.toRealPath());
    assertThat(s.gatewayUrl()).hasToString("ws://127.0.0.1:8765");
    assertThat(s.gatewayQueueSize()).isEqualTo(7);
  }

  @Test
  void theGatewaysPathAndQueryNeverAppearInTheSettingsText() {
    ServiceSettings s = with("GATEWAY_URL", "ws://gw.example:8765/events?token=s3cret-value");

    assertThat(s.toString()).contains("gateway=ws://gw.example:8765").doesNotContain("s3cret");
  }

  @Test
  void launcherExitsWithTwoWhenAPathMapPointsOutsideTheRoots() throws Exception {
    Path roots = java.nio.file.Files.createDirectory(dir.resolve("roots"));
    Path elsewhere = java.nio.file.Files.createDirectory(dir.resolve("elsewhere")).toRealPath();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(err, true));
    try {
      int code = ServiceLauncher.execute(dev.analyzer.service.testing.ScriptedService::new, new String[] {"--port", "0"},
          Environment.of(Map.of("ANALYZER_SOURCE_ROOTS", roots.toString(), "ANALYZER_PATH_MAP",
              "/app/sources=" + elsewhere)));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString()).contains("ANALYZER_PATH_MAP entry '/app/sources=" + elsewhere
          + "' maps onto a directory outside ANALYZER_SOURCE_ROOTS");
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void aRepeatedPathMapPrefixIsRefusedNamingTheEntry() {
    assertThatThrownBy(() -> with("ANALYZER_PATH_MAP", "/a=" + dir + ",/a/=" + dir))
        .isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_PATH_MAP entry '/a/=" + dir + "' repeats the prefix /a");
  }

  @Test
  void launcherExitsWithTwoAndNamesTheBadSetting() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(err, true));
    try {
      int code = ServiceLauncher.execute(dev.analyzer.service.testing.ScriptedService::new, new String[0],
          Environment.of(Map.of("ANALYZER_MAX_CONCURRENT_ANALYSES", "-3")));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString()).contains("ANALYZER_MAX_CONCURRENT_ANALYSES must be 1..10000, got -3");
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void launcherRejectsAnUnknownOptionWithTwo() {
    assertThat(ServiceLauncher.execute(dev.analyzer.service.testing.ScriptedService::new, new String[] {"--frobnicate"},
        Environment.of(Map.of()))).isEqualTo(2);
  }

  @Test
  void launcherRejectsABadLogFormat() {
    assertThat(ServiceLauncher.execute(dev.analyzer.service.testing.ScriptedService::new, new String[0],
        Environment.of(Map.of("ANALYZER_LOG_FORMAT", "xml")))).isEqualTo(2);
  }
}
