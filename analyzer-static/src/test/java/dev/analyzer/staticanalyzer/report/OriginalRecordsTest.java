package dev.analyzer.staticanalyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool records in the original's shape: issues or SARIF, statuses, covered and unavailable names. */
class OriginalRecordsTest {

  private static final AnalysisRequest REQ = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m")
      .withAppNumber(1).build();

  private static Finding f(String tool, String rule, Severity s, int line) {
    return Finding.builder(tool, rule).withTitle(rule + " title").withMessage(rule + " message").withSeverity(s)
        .withConfidence(Confidence.HIGH).withCwe("CWE-89").withEvidence("cur.execute(q)")
        .withRemediation("use parameters").withLocation(Location.inFile("backend/app.py", line, 3)).build();
  }

  private static ResultAssembler.Entry ran(String tool, String group, List<Finding> fs) {
    return new ResultAssembler.Entry(tool, group, "1.0", ToolResult.success(tool, fs, 0.1), fs);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rec(Analysis a, String group, String tool) {
    return (Map<String, Object>) ((Map<String, Object>) a.results().get(group)).get(tool);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aParserToolsFindingsAreItsIssuesInTheOriginalsShape() {
    ResultAssembler a = new ResultAssembler();
    a.add(ran("python-security", "python", List.of(f("python-security", "B608", Severity.CRITICAL, 7))));

    Map<String, Object> r = rec(a.build(REQ, Instant.EPOCH, "success", Map.of(), Map.of()), "python",
        "python-security");

    assertThat(r).containsEntry("total_issues", 1).containsEntry("issue_count", 1).doesNotContainKey("sarif");
    assertThat((List<Map<String, Object>>) (List<?>) r.get("issues")).singleElement().satisfies(i -> assertThat(i)
        .containsAllEntriesOf(Map.ofEntries(
        Map.entry("file", "backend/app.py"), Map.entry("line", 7), Map.entry("column", 3),
        Map.entry("severity", "high"), Map.entry("confidence", "high"), Map.entry("message", "B608 message"),
        Map.entry("rule", "B608"), Map.entry("rule_id", "B608"), Map.entry("rule_name", "B608 title"),
        Map.entry("code_snippet", "cur.execute(q)"), Map.entry("more_info", "use parameters"), Map.entry("cwe", "CWE-89"),
        Map.entry("analyzer_severity", "critical"),
        Map.entry("fingerprint", f("python-security", "B608", Severity.CRITICAL, 7).fingerprint()))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSarifNativeToolsFindingsAreInItsIssuesWithItsNativeKeysAndInItsOwnOneRunSarif() {
    ResultAssembler a = new ResultAssembler();
    a.add(ran("bandit", "python", List.of(f("bandit", "B608", Severity.MEDIUM, 7), f("bandit", "B105", Severity.LOW,
        9))));

    Map<String, Object> r = rec(a.build(REQ, Instant.EPOCH, "success", Map.of(), Map.of()), "python", "bandit");

    assertThat(r).containsEntry("total_issues", 2).containsEntry("issue_count", 2).containsEntry("format", "sarif");
    assertThat((List<Map<String, Object>>) r.get("issues")).extracting(i -> i.get("test_id"), i -> i.get("line_number"),
        i -> i.get("issue_severity"), i -> i.get("filename")).containsExactly(
            org.assertj.core.groups.Tuple.tuple("B608", 7, "MEDIUM", "backend/app.py"),
            org.assertj.core.groups.Tuple.tuple("B105", 9, "LOW", "backend/app.py"));
    Map<String, Object> sarif = (Map<String, Object>) r.get("sarif");
    assertThat(sarif).containsEntry("version", "2.1.0");
    List<Map<String, Object>> runs = (List<Map<String, Object>>) sarif.get("runs");
    assertThat(runs).hasSize(1);
    assertThat((List<Map<String, Object>>) runs.get(0).get("results")).extracting(m -> m.get("ruleId"))
        .containsExactly("B608", "B105");
  }

  @Test
  void ourStatusIsKeptAsDetailWhenTheOriginalsWordDiffers() {
    ResultAssembler a = new ResultAssembler();
    a.add(new ResultAssembler.Entry("flake8", "python", "7", new ToolResult("flake8", ToolStatus.TIMEOUT, true, 0,
        Map.of(), List.of(), 60.0, "flake8 timed out after 60 s", Map.of()), List.of()));
    a.add(new ResultAssembler.Entry("config", "structure", "1", ToolResult.notRun("config", ToolStatus.NO_FILES,
        "no files for config"), List.of()));
    a.add(ran("secrets", "structure", List.of()));

    Analysis built = a.build(REQ, Instant.EPOCH, "partial", Map.of(), Map.of());

    assertThat(rec(built, "python", "flake8")).containsEntry("status", "error").containsEntry("status_detail", "timeout")
        .containsEntry("error", "flake8 timed out after 60 s");
    assertThat(rec(built, "structure", "config")).containsEntry("status", "skipped")
        .containsEntry("status_detail", "no_files");
    assertThat(rec(built, "structure", "secrets")).containsEntry("status", "success").doesNotContainKey("status_detail");
  }

  @Test
  void aCoveredNameTakesItsEnginesStatusAndTheFirstRequestedOwnerHoldsTheFindingOnce() {
    ResultAssembler a = new ResultAssembler();
    a.add(ran("python-security", "python", List.of(f("python-security", "B608", Severity.HIGH, 7))));
    a.add(new ResultAssembler.Entry("js-security", "javascript", "1", new ToolResult("js-security", ToolStatus.ERROR,
        true, 0, Map.of(), List.of(), 0.1, "parser crashed", Map.of()), List.of()));
    a.cover("semgrep", "python", List.of("python-security", "js-security"), "rules");
    a.cover("ruff", "python", List.of("python-security"), "S rules");

    Analysis built = a.build(named("semgrep", "ruff"), Instant.EPOCH, "partial", Map.of(), Map.of());

    assertThat(rec(built, "python", "semgrep")).containsEntry("status", "error")
        .containsEntry("error", "js-security: parser crashed").containsEntry("covered_issues", 1)
        .containsEntry("total_issues", 1).containsEntry("issue_count", 1);
    assertThat((List<?>) rec(built, "python", "semgrep").get("issues")).hasSize(1);
    assertThat(rec(built, "python", "python-security")).containsEntry("issues_in", List.of("python.semgrep"))
        .containsEntry("tool_findings", 1).containsEntry("total_issues", 0).containsEntry("issues", List.of());
    assertThat(rec(built, "python", "ruff")).containsEntry("status", "success").containsEntry("executed", true)
        .containsEntry("covered_by", List.of("python-security")).containsEntry("total_issues", 0)
        .containsEntry("issues", List.of()).containsKey("sarif");
    assertThat(built.toolsUsed()).containsExactly("python-security", "js-security");
  }

  private static AnalysisRequest named(String... tools) {
    return AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m").withAppNumber(1).withTools(List.of(tools))
        .build();
  }

  @Test
  @SuppressWarnings("unchecked")
  void dependencyFindingsUnderPipAuditAlsoListVulnerabilities() {
    ResultAssembler a = new ResultAssembler();
    Finding dep = Finding.builder("dependencies", "GHSA-xxxx").withTitle("flask 0.12 is affected")
        .withSeverity(Severity.HIGH).withLocation(Location.inFile("requirements.txt", 1, null))
        .withExtra("package", "flask").withExtra("installed_version", "0.12").withExtra("ecosystem", "PyPI").build();
    a.add(ran("dependencies", "structure", List.of(dep)));
    a.cover("safety", "python", List.of("dependencies"), "osv");
    a.cover("pip-audit", "python", List.of("dependencies"), "osv");

    Analysis built = a.build(named("safety", "pip-audit"), Instant.EPOCH, "success", Map.of(), Map.of());

    Map<String, Object> pipAudit = rec(built, "python", "pip-audit");
    assertThat(pipAudit).containsEntry("total_issues", 1).doesNotContainKey("sarif");
    assertThat((List<Map<String, Object>>) pipAudit.get("vulnerabilities")).singleElement().satisfies(v ->
        assertThat(v).containsEntry("id", "GHSA-xxxx").containsEntry("package", "flask")
            .containsEntry("version", "0.12").containsEntry("fix_versions", List.of())
            .containsEntry("aliases", List.of()));
    assertThat(rec(built, "python", "safety")).containsEntry("total_issues", 0).doesNotContainKey("vulnerabilities");
  }

  @Test
  void anUninstalledToolOfOursThatIsCoveredSaysSoInItsOwnRecord() {
    ResultAssembler a = new ResultAssembler();
    a.add(new ResultAssembler.Entry("bandit", "python", null, ToolResult.notRun("bandit", ToolStatus.NOT_INSTALLED,
        "bandit is not installed"), List.of()));
    a.add(ran("python-security", "python", List.of(f("python-security", "B608", Severity.HIGH, 7))));
    a.cover("bandit", "python", List.of("python-security"), "same ids");

    Map<String, Object> r = rec(a.build(REQ, Instant.EPOCH, "success", Map.of(), Map.of()), "python", "bandit");

    assertThat(r).containsEntry("status", "not_available").containsEntry("status_detail", "not_installed")
        .containsEntry("covered_by", List.of("python-security")).containsEntry("covered_issues", 1)
        .doesNotContainKey("sarif");
  }

  @Test
  void anUnavailableNameIsFiledWithItsReason() {
    ResultAssembler a = new ResultAssembler();
    a.unavailable("mypy", "_metadata", "not_available", "no_engine", "mypy is not available here: types");

    Map<String, Object> r = rec(a.build(REQ, Instant.EPOCH, "success", Map.of(), Map.of()), "_metadata", "mypy");

    assertThat(r).containsEntry("status", "not_available").containsEntry("status_detail", "no_engine")
        .containsEntry("executed", false).containsEntry("error", "mypy is not available here: types")
        .containsEntry("total_issues", 0).containsEntry("issue_count", 0);
  }

  @Test
  void theSummaryHasTheOriginalsThreeKeysFoldedAndOursBeside() {
    ResultAssembler a = new ResultAssembler();
    a.add(ran("python-security", "python", List.of(f("python-security", "B1", Severity.CRITICAL, 1),
        f("python-security", "B2", Severity.HIGH, 2), f("python-security", "B3", Severity.INFO, 3))));

    Map<String, Object> s = a.build(REQ, Instant.EPOCH, "success", Map.of(), Map.of()).summary();

    assertThat(s.get("severity_breakdown")).isEqualTo(Map.of("high", 2, "medium", 0, "low", 1));
    assertThat(s.get("severity_breakdown_detail")).isEqualTo(Map.of("critical", 1, "high", 1, "medium", 0, "low", 0,
        "info", 1));
  }
}
