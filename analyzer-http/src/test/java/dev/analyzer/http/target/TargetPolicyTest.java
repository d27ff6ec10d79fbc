package dev.analyzer.http.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.http.HttpOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A resolver answering from a map; never touches DNS. */
  static HostResolver fixed(Map<String, List<String>> answers) {
    return host -> {
      List<String> a = answers.get(host);
      if (a == null) {
        throw new UnknownHostException(host);
      }
      return a.stream().map(TargetPolicyTest::ip).toList();
    };
  }

  private static final HostResolver RESOLVER = fixed(Map.of(
      "app.local", List.of("127.0.0.2"),
      "v6.local", List.of("::1"),
      "example.com", List.of("93.184.216.34"),
      "mixed.local", List.of("127.0.0.1", "93.184.216.34"),
      "lan.local", List.of("10.1.2.3"),
      "v6lan.local", List.of("fd00::1234")));

  private static TargetPolicy policy(String allowed) {
    return TargetPolicy.of(AllowList.parse(allowed), RESOLVER);
  }

  @Test
  void loopbackIsAllowedAndPinned() {
    ResolvedTarget r = policy("").check(Target.parse("http://app.local:5000"));
    assertThat(r.address().getAddress()).isEqualTo(ip("127.0.0.2"));
    assertThat(r.address().getPort()).isEqualTo(5000);
    assertThat(r.loopback()).isTrue();
    assertThat(policy("").check(Target.parse("http://v6.local:1")).loopback()).isTrue();
    assertThat(policy("").check(Target.parse("http://[::1]:1")).addresses()).hasSize(1);
  }

  @Test
  void publicAddressIsRefusedNamingHostAddressAndSetting() {
    assertThatThrownBy(() -> policy("").check(Target.parse("http://example.com/")))
        .isInstanceOfSatisfying(TargetRefusedException.class, e -> {
          assertThat(e.host()).isEqualTo("example.com");
          assertThat(e.addresses()).containsExactly("93.184.216.34");
          assertThat(e.toProtocolException("c1").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        })
        .hasMessageContaining("example.com").hasMessageContaining("93.184.216.34")
        .hasMessageContaining("ANALYZER_ALLOWED_TARGETS");
  }

  @Test
  void mixedAnswerIsRefused() {
    assertThatThrownBy(() -> policy("").check(Target.parse("http://mixed.local/")))
        .isInstanceOf(TargetRefusedException.class).hasMessageContaining("127.0.0.1, 93.184.216.34");
  }

  @Test
  void unresolvableHostIsRefused() {
    assertThatThrownBy(() -> policy("").check(Target.parse("http://nowhere.local/")))
        .isInstanceOf(TargetRefusedException.class).hasMessageContaining("does not resolve");
  }

  @Test
  void allowListByNameIpAndCidr() {
    assertThat(policy("example.com").check(Target.parse("http://EXAMPLE.com")).addresses())
        .containsExactly(ip("93.184.216.34"));
    assertThat(policy("93.184.216.34").check(Target.parse("http://example.com")).address().getAddress())
        .isEqualTo(ip("93.184.216.34"));
    assertThat(policy("10.0.0.0/8").check(Target.parse("http://lan.local")).loopback()).isFalse();
    assertThat(policy("fd00::/8").check(Target.parse("http://v6lan.local")).addresses())
        .containsExactly(ip("fd00::1234"));
    assertThatThrownBy(() -> policy("10.0.0.0/16").check(Target.parse("http://lan.local:1")))
        .isInstanceOf(TargetRefusedException.class);
    assertThatThrownBy(() -> policy("fe80::/10, other.com").check(Target.parse("http://v6lan.local")))
        .isInstanceOf(TargetRefusedException.class);
    assertThat(policy("93.184.216.0/24").check(Target.parse("http://mixed.local")).addresses()).hasSize(2);
  }

  @Test
  void rebindingResolverCannotRedirectTheCheckedTarget() {
    AtomicInteger calls = new AtomicInteger();
    HostResolver rebinding = host -> List.of(calls.getAndIncrement() == 0 ? ip("127.0.0.1") : ip("93.184.216.34"));
    TargetPolicy p = TargetPolicy.of(AllowList.none(), rebinding);
    ResolvedTarget r = p.check(Target.parse("http://rebind.local:5000"));
    assertThat(calls).hasValue(1);
    // the pinned address is what connections use, however often it is asked for
    for (int i = 0; i < 3; i++) {
      assertThat(r.address().getAddress()).isEqualTo(ip("127.0.0.1"));
    }
    assertThat(calls).hasValue(1);
    // a second check (a redirect hop) sees the new answer and refuses it
    assertThatThrownBy(() -> p.check(Target.parse("http://rebind.local:5000")))
        .isInstanceOf(TargetRefusedException.class).hasMessageContaining("93.184.216.34");
  }

  @Test
  void badSettingsAreRejectedNamingTheVariable() {
    for (String bad : List.of("10.0.0.0/33", "::1/129", "10.0.0.0/x", "300.1.1.1", "bad host", "a..b", "1.2.3.4/")) {
      assertThatThrownBy(() -> HttpOptions.ALLOWED_TARGETS.read(Environment.of(Map.of("ANALYZER_ALLOWED_TARGETS", bad))))
          .as(bad).isInstanceOfSatisfying(SettingsException.class,
              e -> assertThat(e.variable()).isEqualTo("ANALYZER_ALLOWED_TARGETS"))
          .hasMessageContaining("ANALYZER_ALLOWED_TARGETS");
    }
    TargetPolicy p = TargetPolicy.fromEnvironment(
        Environment.of(Map.of("ANALYZER_ALLOWED_TARGETS", " lan.local , fd00::/8 ")), RESOLVER);
    assertThat(p.check(Target.parse("http://lan.local")).addresses()).containsExactly(ip("10.1.2.3"));
    assertThat(TargetPolicy.fromEnvironment(Environment.of(Map.of()), RESOLVER).allowList().isEmpty()).isTrue();
  }
}
