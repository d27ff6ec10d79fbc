package dev.analyzer.staticanalyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Linter messages come after the security findings and are counted apart. */
class QualityGroupTest {

  private static Finding f(String tool, String rule, Severity s, int line, String cwe) {
    return Finding.builder(tool, rule).withTitle(rule).withSeverity(s).withCwe(cwe)
        .withLocation(Location.inFile("a.py", line, 1)).build();
  }

  @Test
  void qualityFindingsDoNotBurySecurityFindings() {
    ResultAssembler a = new ResultAssembler();
    a.add(new ResultAssembler.Entry("pylint", "python", "3", ToolResult.notRun("pylint", ToolStatus.SKIPPED, "x"),
        List.of(f("pylint", "E0602", Severity.HIGH, 1, null), f("pylint", "C0114", Severity.LOW, 1, null))));
    a.add(new ResultAssembler.Entry("python-security", "python", "0.2.0",
        ToolResult.notRun("python-security", ToolStatus.SKIPPED, "x"), List.of(f("python-security", "B608",
            Severity.MEDIUM, 5, "CWE-89"), f("python-security", "B607", Severity.LOW, 5, "CWE-78"))));
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m").withAppNumber(1).build();

    List<Finding> merged = a.mergedFindings();
    Map<String, Object> summary = a.build(req, Instant.EPOCH, "success", Map.of(), Map.of()).summary();

    assertThat(merged).extracting(Finding::ruleId).containsExactly("B608", "B607", "E0602", "C0114");
    assertThat(summary).containsEntry("security_issues_found", 2).containsEntry("quality_issues_found", 2);
  }
}
