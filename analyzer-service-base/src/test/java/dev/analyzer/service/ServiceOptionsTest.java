package dev.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.Option;
import org.junit.jupiter.api.Test;

/** The option table is the one description of the service base's settings, and agrees with the defaults. */
class ServiceOptionsTest {

  @Test
  void theTableListsEverySettingWithItsDefaultAndBound() {
    assertThat(ServiceSettings.OPTIONS.options()).extracting(Option::name).containsExactly(
        "ANALYZER_MAX_CONCURRENT_ANALYSES", "ANALYZER_MAX_QUEUED_ANALYSES", "ANALYZER_MAX_FRAME_BYTES",
        "ANALYZER_MAX_REQUEST_BYTES", "ANALYZER_MAX_CONNECTIONS_PER_SERVICE", "ANALYZER_AUTH_TOKEN",
        "ANALYZER_AUTH_TOKEN_FILE", "ANALYZER_SOURCE_ROOTS", "ANALYZER_PATH_MAP", "ANALYZER_ALLOWED_ORIGINS",
        "ANALYZER_SHUTDOWN_GRACE", "ANALYZER_ANALYSIS_TIMEOUT", "ANALYZER_PING_INTERVAL", "GATEWAY_URL",
        "ANALYZER_GATEWAY_QUEUE_SIZE");
    String markdown = ServiceSettings.OPTIONS.markdown();
    assertThat(markdown).contains("| `ANALYZER_MAX_REQUEST_BYTES` | 1048576 (1 MiB) | 1024..`ANALYZER_MAX_FRAME_BYTES` |")
        .contains("| `ANALYZER_MAX_CONNECTIONS_PER_SERVICE` | 1024 | 1..100000 |")
        .contains("| `ANALYZER_ALLOWED_ORIGINS` | none | comma list of exact origins, or `*` |");
  }

  @Test
  void theDefaultsAreTheTablesDefaults() {
    ServiceSettings d = ServiceSettings.defaults(2001);

    assertThat(d.maxConcurrentAnalyses()).isEqualTo(ServiceOptions.MAX_CONCURRENT_ANALYSES.defaultValue());
    assertThat(d.maxFrameBytes()).isEqualTo(ServiceOptions.MAX_FRAME_BYTES.defaultValue());
    assertThat(d.maxRequestBytes()).isEqualTo(ServiceOptions.MAX_REQUEST_BYTES.defaultValue());
    assertThat(d.maxConnections()).isEqualTo(ServiceOptions.MAX_CONNECTIONS.defaultValue());
    assertThat(d.authToken()).isEqualTo(ServiceOptions.AUTH_TOKEN.defaultValue());
    assertThat(d.allowedOrigins()).isEqualTo(ServiceOptions.ALLOWED_ORIGINS.defaultValue());
    assertThat(d.shutdownGrace()).isEqualTo(ServiceOptions.SHUTDOWN_GRACE.defaultValue());
    assertThat(d.analysisTimeout()).isEqualTo(ServiceOptions.ANALYSIS_TIMEOUT.defaultValue());
    assertThat(d.pingInterval()).isEqualTo(ServiceOptions.PING_INTERVAL.defaultValue());
    assertThat(d.maxQueuedAnalyses()).isEqualTo(256).isEqualTo(ServiceOptions.MAX_QUEUED_ANALYSES.defaultValue());
    assertThat(d.pathMap()).isEqualTo(PathMap.none()).isEqualTo(ServiceOptions.PATH_MAP.defaultValue());
    assertThat(d.gatewayUrl()).isNull();
    assertThat(d.gatewayQueueSize()).isEqualTo(ServiceOptions.GATEWAY_QUEUE_SIZE.defaultValue());
  }
}
