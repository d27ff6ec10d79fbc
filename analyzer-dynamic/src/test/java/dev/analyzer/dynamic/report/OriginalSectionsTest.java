package dev.analyzer.dynamic.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.dynamic.original.OriginalManagerReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The original's sections: findings the original's dedup would merge get records of their own. */
class OriginalSectionsTest {

  private static Finding at(String rule, Severity severity, String url, String method, String param) {
    return Finding.builder(Rule.ENGINE, rule).withSeverity(severity).withTitle(rule + " at " + url)
        .withLocation(Location.atUrl(url, method, param)).build();
  }

  private static JsonNode reply(List<Object> zap) {
    return new ObjectMapper().valueToTree(Map.of("type", "dynamic_analysis_result",
        "analysis", Map.of("results", Map.of("zap_security_scan", zap))));
  }

  @Test
  void oneRuleOnOneUrlTwiceStaysTwoFindingsForTheOriginalsReader() {
    List<Finding> findings = List.of(
        at("dyn.xss-reflected", Severity.HIGH, "http://127.0.0.1:1/search", "GET", "q"),
        at("dyn.xss-reflected", Severity.HIGH, "http://127.0.0.1:1/search", "GET", "name"),
        at("dyn.xss-reflected", Severity.HIGH, "http://127.0.0.1:1/search", "POST", "name"),
        at("dyn.header-missing", Severity.INFO, "http://127.0.0.1:1/search", "GET", null));

    OriginalManagerReader.Reading r = OriginalManagerReader.read(reply(
        OriginalSections.zapSecurityScan(findings, "http://127.0.0.1:1")));

    assertThat(r.findings()).hasSize(4);
    assertThat(r.severity()).isEqualTo(Map.of("high", 3, "medium", 0, "low", 1));
  }

  @Test
  void alertsAreGroupedByTheOriginalsRiskNames() {
    List<Object> zap = OriginalSections.zapSecurityScan(List.of(
        at("dyn.sqli", Severity.CRITICAL, "http://127.0.0.1:1/a", "GET", "id"),
        at("dyn.cookie", Severity.LOW, "http://127.0.0.1:1/a", "GET", null)), "http://127.0.0.1:1");
    JsonNode rec = reply(zap).path("analysis").path("results").path("zap_security_scan").get(0);

    assertThat(rec.path("alerts_by_risk").path("High").get(0).path("riskcode").asText()).isEqualTo("3");
    assertThat(rec.path("alerts_by_risk").path("Low").size()).isEqualTo(1);
    assertThat(rec.path("total_alerts").asInt()).isEqualTo(2);
  }

  @Test
  void ourStatusesMapOntoTheOriginalsVocabularyAndOursIsKept() {
    assertThat(OriginalSections.status(ToolStatus.NOT_INSTALLED)).isEqualTo("not_available");
    assertThat(OriginalSections.status(ToolStatus.TIMEOUT)).isEqualTo("error");
    assertThat(OriginalSections.status(ToolStatus.CANCELLED)).isEqualTo("error");
    assertThat(OriginalSections.withOriginalStatus(Map.of("status", "timeout"), ToolStatus.TIMEOUT))
        .containsEntry("status", "error").containsEntry("status_detail", "timeout");
    assertThat(OriginalSections.withOriginalStatus(Map.of("status", "success"), ToolStatus.SUCCESS))
        .doesNotContainKey("status_detail");
  }
}
