package dev.analyzer.dynamic.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.dynamic.auth.AuthConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request's config over the service's caps. */
class ScanConfigReaderTest {

  private final ScanConfig caps = ScanConfig.builder().withMaxRequests(1000).withMaxRate(50).build();

  @Test
  void capsAreLoweredNeverRaisedAndTheClampIsNoted() {
    ScanConfigReader.Read r = ScanConfigReader.read(Map.of("max_requests", 5000, "max_rate", 0, "max_depth", 1,
        "allow_unsafe_methods", true, "ports", List.of(5000)), caps);

    assertThat(r.config().maxRequests()).isEqualTo(1000);
    assertThat(r.config().maxRate()).isEqualTo(50);
    assertThat(r.config().maxDepth()).isEqualTo(1);
    assertThat(r.config().allowUnsafeMethods()).isTrue();
    assertThat(r.config().ports()).containsExactly(5000);
    assertThat(r.notes()).hasSize(2).allMatch(n -> n.contains("lowered to the service's cap"));
  }

  @Test
  void theQuickProfileSkipsActiveProbes() {
    ScanConfig c = ScanConfigReader.read(Map.of("profile", "quick"), caps).config();

    assertThat(c.runs("active")).isFalse();
    assertThat(c.maxDepth()).isLessThanOrEqualTo(2);
  }

  @Test
  void badValuesNameTheirField() {
    assertThatThrownBy(() -> ScanConfigReader.read(Map.of("max_urls", "many"), caps))
        .hasMessageContaining("config.max_urls");
    assertThatThrownBy(() -> ScanConfigReader.read(Map.of("checks", List.of("fuzz")), caps))
        .hasMessageContaining("checks must be among");
    assertThatThrownBy(() -> ScanConfigReader.read(Map.of("auth", Map.of("type", "json")), caps))
        .hasMessageContaining("login_url");
    assertThatThrownBy(() -> ScanConfigReader.read(Map.of("endpoints", List.of(Map.of("path", "x"))), caps))
        .hasMessageContaining("path must start with /");
  }

  @Test
  void authAndEndpointsAreRead() {
    ScanConfig c = ScanConfigReader.read(Map.of("auth", Map.of("type", "bearer", "token", "t"),
        "endpoints", List.of(Map.of("method", "get", "path", "/api/items/:id", "expected_status", List.of(200, 404)))),
        caps).config();

    assertThat(c.auth().kind()).isEqualTo(AuthConfig.Kind.BEARER);
    assertThat(c.auth().toString()).doesNotContain("t]").contains("bearer");
    assertThat(c.endpoints().get(0).path()).isEqualTo("/api/items/1");
    assertThat(c.endpoints().get(0).passes(404)).isTrue();
    assertThat(c.endpoints().get(0).passes(201)).isFalse();
  }
}
