package dev.analyzer.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.service.ServiceSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Origin rule, case by case (the handshake itself is covered by functional.OriginTest). */
class OriginPolicyTest {

  private final OriginPolicy policy = new OriginPolicy(ServiceSettings.defaults(0)
      .withAllowedOrigins(List.of("http://localhost:3000")));

  @Test
  void noOriginAndListedOriginsPass() {
    assertThat(policy.allows(null, "127.0.0.1:2001", 2001)).isTrue();
    assertThat(policy.allows("http://localhost:3000", "127.0.0.1:2001", 2001)).isTrue();
  }

  @Test
  void theServicesOwnOriginPassesOnlyWithItsOwnPortOverPlainHttpAndALiteralHost() {
    assertThat(policy.allows("http://127.0.0.1:2001", "127.0.0.1:2001", 2001)).isTrue();
    assertThat(policy.allows("http://[::1]:2001", "[::1]:2001", 2001)).isTrue();
    assertThat(policy.allows("HTTP://LOCALHOST:2001", "localhost:2001", 2001)).isTrue();

    assertThat(policy.allows("https://127.0.0.1:2001", "127.0.0.1:2001", 2001)).as("the service serves no TLS").isFalse();
    assertThat(policy.allows("http://127.0.0.1", "127.0.0.1", 80)).as("no explicit port").isFalse();
    assertThat(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080", 2001)).as("another local app's port")
        .isFalse();
    assertThat(policy.allows("http://[evil.example]:2001", "[evil.example]:2001", 2001)).as("not an IPv6 literal")
        .isFalse();
    assertThat(policy.allows("http://evil.example:2001", "evil.example:2001", 2001)).as("DNS rebinding").isFalse();
    assertThat(policy.allows("http://127.0.0.1:2001", "", 2001)).isFalse();
    assertThat(policy.allows("null", "127.0.0.1:2001", 2001)).isFalse();
  }
}
