package dev.analyzer.performance.report;

import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisBuilder;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.performance.thresholds.ThresholdVerdict;
import dev.analyzer.performance.tools.ToolRecord;
import dev.analyzer.service.AnalysisOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code performance_analysis_result} body in the original's shape (original §1.3):
 * {@code results[url]} holds {@code connectivity}, one record per tool and the {@code load}
 * section; {@code results.tool_runs} repeats the per-tool records as the original's dict (tool name
 * to record, the last URL's when several); {@code tool_results} ({@code status, tool, executed,
 * total_issues}) and {@code summary} as before, plus the thresholds. Tool statuses are in the
 * original's words ({@link dev.analyzer.performance.tools.OriginalStatus}). Status rules as the original: no URL reachable is
 * {@code targets_unreachable}, some is {@code partial}, all reachable with a tool that succeeded is
 * {@code success}, else {@code error}. Not thread-safe.
 */
public final class PerformanceReport {

  private final List<UrlReport> urls = new ArrayList<>();

  public void add(UrlReport u) {
    urls.add(u);
  }

  /** The outcome for {@code req}; {@code extra} goes into the analysis (tool versions, settings). */
  public AnalysisOutcome outcome(AnalysisRequest req, Instant now, Map<String, Object> extra) {
    long reachable = urls.stream().filter(UrlReport::reachable).count();
    boolean anySuccess = urls.stream().anyMatch(UrlReport::anySuccess);
    String status = reachable == 0 ? "targets_unreachable" : reachable < urls.size() ? "partial"
        : anySuccess ? "success" : "error";
    AnalysisBuilder a = Analysis.builder().forRequest(req).withAnalysisTime(now).withStatus(status);
    List<String> targetUrls = new ArrayList<>();
    Map<String, Object> runs = new LinkedHashMap<>();
    Map<String, Object> toolResults = new LinkedHashMap<>();
    List<String> failedThresholds = new ArrayList<>();
    List<ThresholdVerdict> all = new ArrayList<>();
    for (UrlReport u : urls) {
      targetUrls.add(u.url());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("connectivity", u.connectivity());
      // a run filed under the original's name too (aiohttp for the built-in) is one run: tool_runs,
      // which the original's manager turns into findings, gets it once, under the name asked for
      java.util.Set<String> aliased = new java.util.HashSet<>();
      u.records().forEach(r -> {
        if (r.fields().get("implemented_by") instanceof String impl) {
          aliased.add(impl);
        }
      });
      for (ToolRecord r : u.records()) {
        // tools_used lists the tools that succeeded (as the original's); the entry is replaced below
        a.withToolResult(u.url(), r.toToolResult(u.url()));
        Map<String, Object> record = r.toOriginalMap(u.url());
        entry.put(r.tool(), record);
        // the original's tool_runs: one record per tool, the last URL's (its readers iterate it as a dict)
        if (!aliased.contains(r.tool())) {
          runs.put(r.tool(), record);
        }
        Object seen = toolResults.get(r.tool());
        if (seen == null || r.status() == ToolStatus.SUCCESS) {
          toolResults.put(r.tool(), r.toOriginalBrief());
        }
      }
      entry.put("load", u.load());
      a.withResult(u.url(), entry);
      for (ThresholdVerdict v : u.verdicts()) {
        all.add(v);
        if (!v.passed()) {
          failedThresholds.add(u.url() + ": " + v.threshold() + " (actual " + v.toMap().get("actual") + ")");
        }
      }
    }
    a.withResult("tool_runs", runs);
    a.withExtra("target_urls", targetUrls).withExtra("tool_results", toolResults);
    extra.forEach(a::withExtra);
    a.withSummary("total_urls_tested", urls.size()).withSummary("reachable_urls", reachable)
        .withSummary("analysis_status", status.equals("success") ? "completed" : status)
        .withSummary("thresholds_checked", all.size())
        .withSummary("thresholds_passed", all.isEmpty() ? null : failedThresholds.isEmpty())
        .withSummary("thresholds_failed", failedThresholds);
    Analysis analysis = a.build();
    return switch (status) {
      case "success" -> AnalysisOutcome.success(analysis);
      case "partial" -> AnalysisOutcome.partial(analysis, (urls.size() - reachable) + " of " + urls.size()
          + " URLs did not answer");
      case "targets_unreachable" -> new AnalysisOutcome(ResultStatus.TARGETS_UNREACHABLE, analysis,
          "no target URL answered");
      default -> AnalysisOutcome.error(analysis, "tools_failed: no load tool succeeded");
    };
  }
}
