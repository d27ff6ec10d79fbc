package dev.analyzer.ai.report;

import dev.analyzer.ai.endpoints.ControlTestResult;
import dev.analyzer.ai.quality.MetricResult;
import dev.analyzer.ai.quality.QualitySummary;
import dev.analyzer.ai.review.RequirementVerdict;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisBuilder;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code ai_analysis_result} body in the original's shape: {@code metadata},
 * {@code tools} (each tool's original record), the same records under {@code results} as typed
 * tool results, {@code results.tools} and {@code tool_results} laid out so that the original's
 * manager counts each finding once ({@link ManagerLayout}), a {@code summary} ({@code tools_run}, {@code tools_successful},
 * {@code overall_compliance}, {@code requirements_summary}, {@code quality_summary},
 * {@code total_requirements}, {@code total_met}, {@code total_compliance_percentage}, plus
 * {@code total_findings} and {@code severity_breakdown} folded to the original's high/medium/low with
 * ours under {@code severity_breakdown_detail}) and {@code errors} when something failed. Tool
 * statuses are in the original's vocabulary ({@link OriginalStatus}). Not thread-safe; one per analysis.
 */
public final class AiResultAssembler {

  private final List<ToolOutcome> outcomes = new ArrayList<>();
  private List<RequirementVerdict> verdicts = List.of();
  private List<ControlTestResult> endpoints = List.of();
  private Map<String, Object> requirementsSummary;
  private List<MetricResult> metrics;

  public void add(ToolOutcome outcome) {
    outcomes.add(outcome);
  }

  public void requirements(List<RequirementVerdict> verdicts, List<ControlTestResult> endpoints,
      Map<String, Object> summary) {
    this.verdicts = List.copyOf(verdicts);
    this.endpoints = List.copyOf(endpoints);
    this.requirementsSummary = summary;
  }

  public void quality(List<MetricResult> metrics) {
    this.metrics = List.copyOf(metrics);
  }

  public List<ToolOutcome> outcomes() {
    return outcomes;
  }

  /** Tools that succeeded. */
  public long successes() {
    return outcomes.stream().filter(o -> o.status() == ToolStatus.SUCCESS).count();
  }

  /** Tools that failed (error or timeout). */
  public List<ToolOutcome> failures() {
    return outcomes.stream().filter(o -> o.status() == ToolStatus.ERROR || o.status() == ToolStatus.TIMEOUT
        || o.status() == ToolStatus.CANCELLED).toList();
  }

  public Analysis build(AnalysisRequest req, Instant now, String templateSlug, List<String> requested, String status,
      Map<String, Object> extraMetadata) {
    AnalysisBuilder b = Analysis.builder().forRequest(req).withAnalysisTime(now).withStatus(status);
    List<Finding> findings = ReviewFindings.of(verdicts, endpoints, metrics == null ? List.of() : metrics);
    Map<String, Object> tools = new LinkedHashMap<>();
    Map<String, Object> toolResults = new LinkedHashMap<>();
    for (ToolOutcome o : outcomes) {
      ToolResult r = o.toToolResult();
      b.withToolResult(null, r);
      b.withResult(o.tool(), OriginalStatus.apply(r.toMap(), o.status()));
      tools.put(o.tool(), o.originalRecord());
      toolResults.put(o.tool(), originalFigures(o, findings));
    }
    b.withResult("tools", ManagerLayout.tools(outcomes, verdicts, endpoints, metrics, requirementsSummary,
        metrics == null ? null : dev.analyzer.ai.quality.QualitySummary.summary(metrics)));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("model_slug", req.modelSlug());
    metadata.put("app_number", req.appNumber());
    metadata.put("template_slug", templateSlug);
    metadata.put("requested_tools", requested);
    metadata.put("analysis_time", now.toString());
    metadata.putAll(extraMetadata);
    b.withExtra("metadata", metadata).withExtra("tools", tools).withExtra("tool_results", toolResults);
    b.withSummary("tools_run", outcomes.stream().filter(o -> o.status() != ToolStatus.SKIPPED).count())
        .withSummary("tools_successful", successes());
    if (requirementsSummary != null) {
      b.withSummary("overall_compliance", requirementsSummary.get("compliance_percentage"))
          .withSummary("requirements_summary", requirementsSummary)
          .withSummary("total_requirements", verdicts.size())
          .withSummary("total_met", verdicts.stream().filter(RequirementVerdict::met).count())
          .withSummary("total_compliance_percentage", requirementsSummary.get("functional_compliance"));
    }
    if (metrics != null) {
      Map<String, Object> q = new LinkedHashMap<>();
      double agg = QualitySummary.aggregate(metrics);
      q.put("aggregate_score", agg);
      q.put("quality_grade", QualitySummary.grade(agg));
      q.put("metrics_passed", metrics.stream().filter(MetricResult::passed).count());
      q.put("metrics_total", metrics.size());
      b.withSummary("quality_summary", q);
    }
    b.withFindings(findings);
    b.withSummary("total_findings", findings.size())
        .withSummary("severity_breakdown", folded(findings))
        .withSummary("severity_breakdown_detail", ToolResult.breakdown(findings));
    List<String> errors = failures().stream().map(o -> o.tool() + ": " + o.error()).toList();
    if (!errors.isEmpty()) {
      b.withExtra("errors", errors);
    }
    return b.build();
  }

  /**
   * A tool's {@code tool_results} entry: the original's status, {@code total_issues} = our findings
   * of the tool (which the original's manager takes as they are, before it would compute its own
   * figure from {@code analysis.tools}), and those findings as standardised {@code issues}, which its
   * shared utilities count ({@link ManagerLayout#issues}).
   */
  private Map<String, Object> originalFigures(ToolOutcome o, List<Finding> findings) {
    List<Object> issues = ManagerLayout.issues(o.tool(), findings);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", o.tool());
    m.put("status", OriginalStatus.of(o.status()));
    if (!OriginalStatus.of(o.status()).equals(o.status().wire())) {
      m.put("status_detail", o.status().wire());
    }
    m.put("executed", o.status() == ToolStatus.SUCCESS);
    m.put("total_issues", issues.size());
    m.put("findings_count", o.problems());
    m.put("duration_seconds", o.durationSeconds());
    m.put("error", o.error());
    m.put("issues", issues);
    return m;
  }

  /** {@code {high, medium, low}} as the original's manager folds severities (critical→high, info→low). */
  static Map<String, Integer> folded(List<Finding> findings) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("high", 0);
    m.put("medium", 0);
    m.put("low", 0);
    for (Finding f : findings) {
      m.merge(switch (f.severity()) {
        case CRITICAL, HIGH -> "high";
        case MEDIUM -> "medium";
        case LOW, INFO -> "low";
      }, 1, Integer::sum);
    }
    return m;
  }
}
