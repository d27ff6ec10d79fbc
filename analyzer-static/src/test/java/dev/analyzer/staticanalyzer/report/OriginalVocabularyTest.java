package dev.analyzer.staticanalyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our statuses and severities in the original's words (original-analyzer.md §3.1, §5). */
class OriginalVocabularyTest {

  @Test
  void everyStatusOfOursHasTheOriginalsWord() {
    assertThat(OriginalVocabulary.status(ToolStatus.SUCCESS)).isEqualTo("success");
    assertThat(OriginalVocabulary.status(ToolStatus.ERROR)).isEqualTo("error");
    assertThat(OriginalVocabulary.status(ToolStatus.TIMEOUT)).isEqualTo("error");
    assertThat(OriginalVocabulary.status(ToolStatus.CANCELLED)).isEqualTo("error");
    assertThat(OriginalVocabulary.status(ToolStatus.NOT_INSTALLED)).isEqualTo("not_available");
    assertThat(OriginalVocabulary.status(ToolStatus.SKIPPED)).isEqualTo("skipped");
    assertThat(OriginalVocabulary.status(ToolStatus.NO_FILES)).isEqualTo("skipped");
    for (ToolStatus s : ToolStatus.values()) {
      assertThat(OriginalVocabulary.status(s)).isIn("success", "error", "skipped", "not_available");
    }
  }

  @Test
  void severitiesFoldAsTheOriginalManagerFoldedThem() {
    assertThat(OriginalVocabulary.severity(Severity.CRITICAL)).isEqualTo("high");
    assertThat(OriginalVocabulary.severity(Severity.HIGH)).isEqualTo("high");
    assertThat(OriginalVocabulary.severity(Severity.MEDIUM)).isEqualTo("medium");
    assertThat(OriginalVocabulary.severity(Severity.LOW)).isEqualTo("low");
    assertThat(OriginalVocabulary.severity(Severity.INFO)).isEqualTo("low");
  }

  @Test
  void theBreakdownHasTheThreeKeysWithZerosAndFoldedCounts() {
    assertThat(OriginalVocabulary.breakdown(List.of())).containsExactly(Map.entry("high", 0), Map.entry("medium", 0),
        Map.entry("low", 0));
    List<Finding> fs = List.of(finding(Severity.CRITICAL, 1), finding(Severity.HIGH, 2), finding(Severity.MEDIUM, 3),
        finding(Severity.LOW, 4), finding(Severity.INFO, 5), finding(Severity.INFO, 6));

    assertThat(OriginalVocabulary.breakdown(fs)).containsExactly(Map.entry("high", 2), Map.entry("medium", 1),
        Map.entry("low", 3));
  }

  static Finding finding(Severity s, int line) {
    return Finding.builder("python-security", "py.rule").withTitle("t").withSeverity(s)
        .withLocation(Location.inFile("app.py", line, null)).build();
  }
}
