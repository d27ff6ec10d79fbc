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

  private static Finding titled(String rule, String title, String url, String param) {
    return Finding.builder(Rule.ENGINE, rule).withSeverity(Severity.HIGH).withTitle(title)
        .withLocation(Location.atUrl(url, "GET", param)).build();
  }

  @Test
  void oneRuleOnOneUrlTwiceStaysTwoFindingsForTheOriginalsReaderInBothModes() {
    List<Finding> findings = List.of(
        at("dyn.xss-reflected", Severity.HIGH, "http://127.0.0.1:1/search", "GET", "q"),
        at("dyn.xss-reflected", Severity.HIGH, "http://127.0.0.1:1/search", "GET", "name"),
        at("dyn.xss-reflected", Severity.HIGH, "http://127.0.0.1:1/search", "POST", "name"),
        at("dyn.header-missing", Severity.INFO, "http://127.0.0.1:1/search", "GET", null));

    OriginalManagerReader.Reading r = OriginalManagerReader.fallback(reply(
        OriginalSections.zapSecurityScan(findings, "http://127.0.0.1:1")));
    OriginalManagerReader.Reading s = OriginalManagerReader.shared(new ObjectMapper().valueToTree(Map.of(
        "analysis", Map.of("tool_results", Map.of("zap", Map.of("issues",
            OriginalSections.issues("zap", findings, "http://127.0.0.1:1")))))));

    assertThat(r.error()).isNull();
    assertThat(r.extracted()).hasSize(4);
    assertThat(r.findings()).hasSize(4);
    assertThat(r.severity()).as("ZAP's Informational is medium for the original").isEqualTo(
        Map.of("high", 3, "medium", 1, "low", 0));
    assertThat(s.findings()).hasSize(4);
    assertThat(s.severity()).containsEntry("high", 3).containsEntry("info", 1);
  }

  @Test
  void twoRulesWithOneAlertNameOnOneUrlGetRecordsOfTheirOwn() {
    List<Finding> findings = List.of(
        titled("dyn.sqli", "SQL injection", "http://127.0.0.1:1/a", null),
        titled("dyn.sqli-blind", "SQL injection", "http://127.0.0.1:1/a", null),
        titled("dyn.x", "SQL_injection", "http://127.0.0.1:1/a", null));

    List<Object> zap = OriginalSections.zapSecurityScan(findings, "http://127.0.0.1:1");
    OriginalManagerReader.Reading r = OriginalManagerReader.fallback(reply(zap));

    assertThat(zap).hasSize(3);
    assertThat(r.findings()).hasSize(3);
  }

  @Test
  void aFindingWithoutUrlGoesUnderTheFallbackUrl() {
    Finding noUrl = Finding.builder(Rule.ENGINE, "dyn.y").withSeverity(Severity.LOW).withTitle("Y").build();

    OriginalManagerReader.Reading r = OriginalManagerReader.fallback(reply(
        OriginalSections.zapSecurityScan(List.of(noUrl), "http://127.0.0.1:1")));

    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.get("id")).isEqualTo(
        "zap_Y_http://127.0.0.1:1"));
  }

  @Test
  void onlyTheFirstHostsOpenFtpAndTelnetAreCountedByThePortScanReading() {
    Finding first = Rules.CLEARTEXT_PORT.at("tcp://127.0.0.1:21", null, null).build();
    Finding second = Rules.CLEARTEXT_PORT.at("tcp://127.0.0.2:23", null, null).build();
    Finding other = at("dyn.sqli", Severity.HIGH, "http://127.0.0.1:5000/a", "GET", "id");
    List<dev.analyzer.dynamic.ports.PortScanner.Result> ports = List.of(
        new dev.analyzer.dynamic.ports.PortScanner.Result("127.0.0.1", List.of(21, 5000), List.of(21, 5000), false,
            null),
        new dev.analyzer.dynamic.ports.PortScanner.Result("127.0.0.2", List.of(23), List.of(23), false, null));

    assertThat(DynamicResultAssembler.countedByPortScan(List.of(other, first, second), ports)).containsExactly(first);
    assertThat(DynamicResultAssembler.countedByPortScan(List.of(first), List.of())).isEmpty();
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
