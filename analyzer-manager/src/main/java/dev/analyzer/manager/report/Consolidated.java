package dev.analyzer.manager.report;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.manager.run.AnalysisRun;
import dev.analyzer.manager.run.RunStatus;
import dev.analyzer.manager.run.ServiceOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every service's findings of one run, deduplicated by fingerprint (which includes the file path or
 * URL, so the same rule in two files stays two findings), with the run's summary. Immutable.
 *
 * @param report the run
 * @param findings deduplicated findings, most severe first
 * @param summary counts as the original's consolidated summary, plus per-severity and per-tool
 * @param status the run's status with every service that did not deliver
 */
public record Consolidated(AnalysisRun.Report report, List<Finding> findings, Map<String, Object> summary,
    RunStatus status) {

  public static Consolidated of(AnalysisRun.Report report) {
    return of(report, null);
  }

  /** As {@link #of(AnalysisRun.Report)}, leaving out the findings {@code baseline} already has (null: none). */
  public static Consolidated of(AnalysisRun.Report report, Baseline baseline) {
    Map<String, Finding> byFingerprint = new LinkedHashMap<>();
    Map<String, Object> toolsUsed = new TreeMap<>();
    List<String> toolsFailed = new ArrayList<>();
    int executed = 0;
    int unreachable = 0;
    int partial = 0;
    int failed = 0;
    int notBuilt = 0;
    for (ServiceOutcome o : report.outcomes()) {
      AnalysisResult r = o.result();
      switch (o.state()) {
        case "completed":
          executed++;
          break;
        case "partial":
          executed++;
          partial++;
          break;
        case "not_built":
          notBuilt++;
          break;
        case "not_running":
        case "targets_unreachable":
          unreachable++;
          break;
        case "failed":
        case "refused":
        case "cancelled":
        case "timeout":
          failed++;
          break;
        default:
          break;
      }
      if (r == null || r.analysis() == null) {
        continue;
      }
      for (Finding f : r.analysis().findings()) {
        byFingerprint.merge(f.fingerprint(), f, Finding::mergedWith);
      }
      if (r.analysis().toolsUsed() != null) {
        r.analysis().toolsUsed().forEach(t -> toolsUsed.put(t, o.spec().name()));
      }
      collectFailedTools(r.analysis().results(), toolsFailed);
    }
    List<Finding> findings = new ArrayList<>(byFingerprint.values());
    int known = 0;
    if (baseline != null) {
      int before = findings.size();
      findings.removeIf(f -> baseline.fingerprints().contains(f.fingerprint()));
      known = before - findings.size();
    }
    findings.sort((a, b) -> a.severity().compareTo(b.severity()));
    Map<String, Integer> byTool = new TreeMap<>();
    for (Finding f : findings) {
      for (String t : f.tools()) {
        byTool.merge(t, 1, Integer::sum);
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("total_findings", findings.size());
    s.put("services_requested", report.outcomes().size());
    s.put("services_executed", executed);
    s.put("services_unreachable", unreachable);
    s.put("services_partial", partial);
    s.put("services_failed", failed);
    s.put("services_not_built", notBuilt);
    s.put("severity_breakdown", ToolResult.breakdown(findings));
    s.put("findings_by_tool", byTool);
    s.put("tools_used", new ArrayList<>(toolsUsed.keySet()));
    s.put("tools_failed", toolsFailed);
    if (baseline != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("file", baseline.file().toString());
      b.put("known", known);
      b.put("new", findings.size());
      s.put("baseline", b);
    }
    RunStatus status = RunStatus.of(report.outcomes());
    s.put("status", status.status());
    s.put("problems", status.problems().stream().map(RunStatus.Problem::toMap).toList());
    s.put("missing_allowed", report.options().allowMissing() && status.missingOnly() && status.lacksAnalyses());
    return new Consolidated(report, findings, s, status);
  }

  @SuppressWarnings("unchecked")
  private static void collectFailedTools(Map<String, Object> results, List<String> out) {
    for (Map.Entry<String, Object> e : results.entrySet()) {
      if (!(e.getValue() instanceof Map)) {
        continue;
      }
      Map<String, Object> m = (Map<String, Object>) e.getValue();
      if (m.containsKey("status") && m.containsKey("executed")) {
        if ("error".equals(m.get("status")) || "timeout".equals(m.get("status"))) {
          out.add(e.getKey());
        }
      } else {
        collectFailedTools(m, out);
      }
    }
  }

  /** Findings at least as severe as {@code threshold}. */
  public long countAtLeast(Severity threshold) {
    return findings.stream().filter(f -> f.severity().isAtLeast(threshold)).count();
  }
}
