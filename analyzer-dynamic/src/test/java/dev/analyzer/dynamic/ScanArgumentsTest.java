package dev.analyzer.dynamic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.dynamic.auth.AuthConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ScanCommand's options: the four login kinds, secrets from the environment only. */
class ScanArgumentsTest {

  private static final Environment ENV = Environment.of(Map.of("PW", "s3cret", "TOK", "t0k", "CK", "sid=1"));

  @Test
  void theFourLoginKindsAreRead() {
    ScanArguments form = ScanArguments.parse(new String[] {"--unsafe", "--auth", "form", "--login-url", "/login",
        "--username", "alice", "--password-env", "PW", "http://127.0.0.1:1"}, ENV);
    ScanArguments json = ScanArguments.parse(new String[] {"--auth", "json", "--login-url", "/api/login", "--username",
        "bob", "--password-env", "PW", "--username-field", "email", "http://127.0.0.1:1"}, ENV);
    ScanArguments bearer = ScanArguments.parse(new String[] {"--auth", "bearer", "--token-env", "TOK", "http://h"}, ENV);
    ScanArguments cookie = ScanArguments.parse(new String[] {"--auth", "cookie", "--cookie-env", "CK", "http://h"}, ENV);

    assertThat(form.unsafe()).isTrue();
    assertThat(form.auth()).isEqualTo(new AuthConfig(AuthConfig.Kind.FORM, "/login", "alice", "s3cret", null, null,
        null, null));
    assertThat(json.auth().usernameField()).isEqualTo("email");
    assertThat(json.auth().kind()).isEqualTo(AuthConfig.Kind.JSON);
    assertThat(bearer.auth().token()).isEqualTo("t0k");
    assertThat(cookie.auth().cookie()).isEqualTo("sid=1");
    assertThat(cookie.urls()).containsExactly("http://h");
    assertThat(new ScanArguments(false, null, java.util.List.of("http://h")).auth()).isNull();
  }

  @Test
  void wrongOptionsAreNamed() {
    assertThatThrownBy(() -> ScanArguments.parse(new String[] {"--auth", "form", "--password-env", "NOPE", "http://h"},
        ENV)).hasMessageContaining("--password-env names NOPE");
    assertThatThrownBy(() -> ScanArguments.parse(new String[] {"--auth", "basic", "http://h"}, ENV))
        .hasMessageContaining("--auth must be");
    assertThatThrownBy(() -> ScanArguments.parse(new String[] {"--auth", "form", "--username", "a", "http://h"}, ENV))
        .hasMessageContaining("login_url");
    assertThatThrownBy(() -> ScanArguments.parse(new String[] {"--token-env", "TOK", "http://h"}, ENV))
        .hasMessageContaining("need --auth");
    assertThatThrownBy(() -> ScanArguments.parse(new String[] {"--password", "x", "http://h"}, ENV))
        .hasMessageContaining("unknown option --password");
    assertThatThrownBy(() -> ScanArguments.parse(new String[] {"--unsafe"}, ENV)).hasMessageContaining("no target");
  }
}
