package dev.analyzer.http.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ProtocolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetTest {

  @Test
  void parseNormalisesSchemeHostPortAndPath() {
    assertThat(Target.parse("HTTP://LocalHost:5000//api/v1/?q=1#x"))
        .isEqualTo(new Target("http", "localhost", 5000, "/api/v1"));
    assertThat(Target.parse("https://127.0.0.1")).isEqualTo(new Target("https", "127.0.0.1", 443, ""));
    assertThat(Target.parse("http://[::1]:8080/").host()).isEqualTo("::1");
    assertThat(Target.parse("http://[::1]:8080/").hostHeader()).isEqualTo("[::1]:8080");
    assertThat(Target.parse("http://h:80/").hostHeader()).isEqualTo("h");
    assertThat(Target.parse("http://h:81/base").resolve("/x?y=1").toString()).isEqualTo("http://h:81/base/x?y=1");
  }

  @Test
  void parseRefusesOtherSchemesUserInfoAndMissingHost() {
    assertThatThrownBy(() -> Target.parse("ftp://h/")).hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> Target.parse("http://u:p@h/")).hasMessageContaining("user info");
    assertThatThrownBy(() -> Target.parse("http:///x")).hasMessageContaining("no host");
    assertThatThrownBy(() -> Target.parse("file:/etc/passwd")).hasMessageContaining("http:// or https://");
  }

  @Test
  void requestTargetUrlsListOrCommaString() {
    AnalysisRequest list = AnalysisRequest.builder(AnalysisKind.DYNAMIC)
        .withTargetUrls(List.of("http://127.0.0.1:5001", "http://127.0.0.1:8001/ , http://127.0.0.1:5001/")).build();
    assertThat(Targets.of(list, Optional.empty())).containsExactly(Target.parse("http://127.0.0.1:5001"),
        Target.parse("http://127.0.0.1:8001"));
  }

  @Test
  void legacyTargetUrl() {
    AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.PERFORMANCE)
        .withExtra("target_url", "http://localhost:9000/app").build();
    assertThat(Targets.of(r, Optional.empty())).containsExactly(new Target("http", "localhost", 9000, "/app"));
  }

  @Test
  void badUrlIsInvalidRequestNamingTheField() {
    AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.DYNAMIC).withTargetUrls(List.of("gopher://x")).build();
    assertThatThrownBy(() -> Targets.of(r, Optional.empty())).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("target_urls").hasMessageContaining("gopher://x");
  }

  @Test
  void conventionsDefaultTo5000And8000(@TempDir Path dir) {
    AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.DYNAMIC).build();
    assertThat(Targets.of(r, Optional.of(dir))).containsExactly(Target.parse("http://127.0.0.1:5000"),
        Target.parse("http://127.0.0.1:8000"));
    assertThat(Targets.of(r, Optional.empty())).hasSize(2);
  }

  @Test
  void conventionsReadDotEnvAndConfig(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "# ports\nBACKEND_PORT=5123\nexport FRONTEND_PORT=\"8123\"\n");
    AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.DYNAMIC).build();
    assertThat(Targets.of(r, Optional.of(dir))).containsExactly(Target.parse("http://127.0.0.1:5123"),
        Target.parse("http://127.0.0.1:8123"));
    AnalysisRequest withConfig = AnalysisRequest.builder(AnalysisKind.DYNAMIC)
        .withConfig(Map.of("backend_port", 6000)).build();
    assertThat(Targets.of(withConfig, Optional.of(dir))).containsExactly(Target.parse("http://127.0.0.1:6000"),
        Target.parse("http://127.0.0.1:8123"));
  }
}
