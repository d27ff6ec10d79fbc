package dev.analyzer.ai.report;

import dev.analyzer.ai.quality.MetricResult;
import dev.analyzer.ai.quality.QualitySummary;
import dev.analyzer.ai.review.RequirementVerdict;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisBuilder;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code ai_analysis_result} body in the original's shape: {@code metadata},
 * {@code tools} (each tool's original record), the same records under {@code results} as typed
 * tool results, a {@code summary} ({@code tools_run}, {@code tools_successful},
 * {@code overall_compliance}, {@code requirements_summary}, {@code quality_summary},
 * {@code total_requirements}, {@code total_met}, {@code total_compliance_percentage}) and
 * {@code errors} when something failed. Not thread-safe; one per analysis.
 */
public final class AiResultAssembler {

  private final List<ToolOutcome> outcomes = new ArrayList<>();
  private List<RequirementVerdict> verdicts = List.of();
  private Map<String, Object> requirementsSummary;
  private List<MetricResult> metrics;

  public void add(ToolOutcome outcome) {
    outcomes.add(outcome);
  }

  public void requirements(List<RequirementVerdict> verdicts, Map<String, Object> summary) {
    this.verdicts = List.copyOf(verdicts);
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
    Map<String, Object> tools = new LinkedHashMap<>();
    for (ToolOutcome o : outcomes) {
      b.withToolResult(null, o.toToolResult());
      tools.put(o.tool(), o.originalRecord());
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("model_slug", req.modelSlug());
    metadata.put("app_number", req.appNumber());
    metadata.put("template_slug", templateSlug);
    metadata.put("requested_tools", requested);
    metadata.put("analysis_time", now.toString());
    metadata.putAll(extraMetadata);
    b.withExtra("metadata", metadata).withExtra("tools", tools);
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
    b.withFindings(ReviewFindings.of(verdicts, metrics == null ? List.of() : metrics));
    List<String> errors = failures().stream().map(o -> o.tool() + ": " + o.error()).toList();
    if (!errors.isEmpty()) {
      b.withExtra("errors", errors);
    }
    return b.build();
  }
}
