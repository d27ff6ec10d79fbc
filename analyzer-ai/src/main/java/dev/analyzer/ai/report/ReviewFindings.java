package dev.analyzer.ai.report;

import dev.analyzer.ai.endpoints.ControlTestResult;
import dev.analyzer.ai.quality.MetricResult;
import dev.analyzer.ai.review.Evidence;
import dev.analyzer.ai.review.RequirementVerdict;
import dev.analyzer.ai.review.Verdict;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.FindingBuilder;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalized findings for the reports: each requirement not met (absent: medium; partial: low;
 * met with low confidence: info), each control endpoint test the app answered wrongly (medium) and
 * each failed quality metric (medium when its weight is at
 * least 1.3, else low). A partial requirement points at its first citation that holds; an absent
 * one has no location (there is no line where missing code is). Stateless.
 */
public final class ReviewFindings {

  private ReviewFindings() {}

  /** Findings without control endpoint tests. */
  public static List<Finding> of(List<RequirementVerdict> verdicts, List<MetricResult> metrics) {
    return of(verdicts, List.of(), metrics);
  }

  /**
   * Control endpoint tests the app answered, but not as the template expects. A test that got no
   * answer (the app not running, a target the policy refuses) says nothing about the code and is
   * no finding; the original's manager counts it as a failed endpoint all the same.
   */
  public static List<ControlTestResult> failedEndpoints(List<ControlTestResult> endpoints) {
    return endpoints.stream().filter(e -> !e.passed() && e.statusCode() != null).toList();
  }

  public static List<Finding> of(List<RequirementVerdict> verdicts, List<ControlTestResult> endpoints,
      List<MetricResult> metrics) {
    List<Finding> out = new ArrayList<>();
    for (RequirementVerdict v : verdicts) {
      if (v.met()) {
        continue;
      }
      Verdict verdict = v.verdict();
      String rule = verdict == Verdict.NOT_FOUND ? "requirement-not-found" : verdict == Verdict.PARTIAL
          ? "requirement-partial" : "requirement-unconfirmed";
      FindingBuilder b = Finding.builder("requirements-scanner", rule)
          .withSeverity(verdict == Verdict.NOT_FOUND ? Severity.MEDIUM : verdict == Verdict.PARTIAL ? Severity.LOW
              : Severity.INFO)
          .withConfidence("HIGH".equals(v.confidence()) ? Confidence.HIGH : "MEDIUM".equals(v.confidence())
              ? Confidence.MEDIUM : Confidence.LOW)
          .withTitle((verdict == Verdict.NOT_FOUND ? "Requirement not found: " : verdict == Verdict.PARTIAL
              ? "Requirement partly met: " : "Requirement not confirmed: ") + abbreviate(v.requirement().text()))
          .withMessage(v.explanation())
          .withExtra("requirement_id", v.requirement().id())
          .withExtra("category", v.requirement().category())
          .withExtra("method", v.method());
      // Only a citation that was checked and holds becomes a location: a model may cite line 0 or a file that
      // does not exist, and neither is a place in the app.
      Evidence e = verdict == Verdict.NOT_FOUND ? null : v.evidence().stream()
          .filter(x -> !Boolean.FALSE.equals(x.verified()) && x.line() >= 1 && !x.file().isBlank()).findFirst()
          .orElse(null);
      if (e != null) {
        b.withLocation(Location.inFile(e.file(), e.line(), null)).withEvidence(e.quote());
      }
      out.add(b.build());
    }
    for (ControlTestResult e : failedEndpoints(endpoints)) {
      out.add(Finding.builder("requirements-scanner", "endpoint-failed").withSeverity(Severity.MEDIUM)
          .withConfidence(Confidence.HIGH)
          .withTitle("Endpoint " + e.method() + " " + e.path() + " answered " + e.statusCode() + " (expected 200"
              + (e.admin() ? ", or 401/403 without a token" : "") + ")")
          .withMessage("The control request " + e.method() + " " + e.url() + " got HTTP " + e.statusCode()
              + "; the template lists this endpoint" + (e.admin() ? " as an admin endpoint" : ""))
          .withLocation(Location.atUrl(e.url(), e.method(), null))
          .withExtra("endpoint", e.path())
          .withExtra("admin", e.admin())
          .build());
    }
    for (MetricResult m : metrics) {
      if (m.passed()) {
        continue;
      }
      FindingBuilder b = Finding.builder("code-quality-analyzer", "quality-" + m.metric().id().replace('_', '-'))
          .withSeverity(m.metric().weight() >= 1.3 ? Severity.MEDIUM : Severity.LOW)
          .withConfidence(Confidence.LOW)
          .withTitle(metricTitle(m))
          .withMessage(String.join("; ", m.findings()))
          .withExtra("method", m.method());
      if (!m.recommendations().isEmpty()) {
        b.withRemediation(m.recommendations().get(0));
      }
      out.add(b.build());
    }
    return out;
  }

  private static String metricTitle(MetricResult m) {
    return m.metric().title() + " scores " + m.score() + " (below " + (int) dev.analyzer.ai.quality.QualityMetric.PASS_SCORE
        + ")";
  }

  /** What a failed metric's finding says: its findings joined, or its title when it has none. */
  static String metricText(MetricResult m) {
    return m.findings().isEmpty() ? metricTitle(m) : String.join("; ", m.findings());
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 119) + "…" : s;
  }
}
