package dev.analyzer.client.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupKeyTest {


  @Test
  void idTimestampAndOrderDoNotMatter() {
    Map<String, Object> c1 = new LinkedHashMap<>();
    c1.put("bandit", Map.of("enabled", false));
    c1.put("pylint", Map.of("max_files", 10));
    Map<String, Object> c2 = new LinkedHashMap<>();
    c2.put("pylint", Map.of("max_files", 10));
    c2.put("bandit", Map.of("enabled", false));
    AnalysisRequest a = AnalysisRequest.builder(AnalysisKind.STATIC).withId("1").withModelSlug("m").withAppNumber(1)
        .withTools(List.of("Bandit", "eslint")).withConfig(c1).withTargetUrls(List.of("http://b", "http://a")).build();
    AnalysisRequest b = AnalysisRequest.builder(AnalysisKind.STATIC).withId("2").withModelSlug("m").withAppNumber(1)
        .withTools(List.of("eslint", "bandit")).withConfig(c2).withTargetUrls(List.of("http://a", "http://b"))
        .withTimestamp(java.time.Instant.now()).build();

    assertThat(DedupKey.of("static-analyzer", a)).isEqualTo(DedupKey.of("static-analyzer", b));
  }

  @Test
  void appToolsAndConfigDoMatter() {
    AnalysisRequest a = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m").withAppNumber(1).build();

    assertThat(DedupKey.of("s", a)).isNotEqualTo(DedupKey.of("s", a.toBuilder().withAppNumber(2).build()));
    assertThat(DedupKey.of("s", a)).isNotEqualTo(DedupKey.of("s", a.toBuilder().withTools(List.of("bandit")).build()));
    assertThat(DedupKey.of("s", a)).isNotEqualTo(DedupKey.of("s", a.toBuilder().withConfig(Map.of("x", 1)).build()));
    assertThat(DedupKey.of("s", a)).isNotEqualTo(DedupKey.of("other", a));
  }
}
