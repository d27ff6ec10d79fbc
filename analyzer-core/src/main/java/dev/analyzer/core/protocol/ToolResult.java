package dev.analyzer.core.protocol;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.json.FrozenJson;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool's record in {@code analysis.results}, in the original's shape:
 * {@code {tool, status, executed, total_issues, severity_breakdown, issues, duration_seconds, error}}
 * plus anything tool-specific in {@code extra}. {@link #toMap()} gives the JSON value to place in
 * the results tree.
 *
 * @param tool the tool name
 * @param status what happened
 * @param executed whether the tool actually ran
 * @param totalIssues findings reported
 * @param severityBreakdown counts per severity wire name
 * @param issues the tool's issues in its own (original) shape; may be empty
 * @param durationSeconds wall time, or {@code null}
 * @param error why it failed, or {@code null}
 * @param extra tool-specific fields ({@code exit_code}, {@code version}, ...)
 */
public record ToolResult(String tool, ToolStatus status, boolean executed, int totalIssues,
    Map<String, Integer> severityBreakdown, List<Object> issues, Double durationSeconds, String error,
    Map<String, Object> extra) {

  public ToolResult {
    if (tool == null || tool.isBlank()) {
      throw new IllegalArgumentException("tool result needs a tool name");
    }
    if (status == null) {
      throw new IllegalArgumentException("tool result for " + tool + " needs a status");
    }
    if (totalIssues < 0) {
      throw new IllegalArgumentException("total_issues must be >= 0, got " + totalIssues);
    }
    severityBreakdown = severityBreakdown == null ? Map.of() : Map.copyOf(severityBreakdown);
    issues = FrozenJson.copyOf(issues);
    extra = FrozenJson.copyOf(extra);
  }

  /** A successful run that produced {@code findings}. */
  public static ToolResult success(String tool, List<Finding> findings, double durationSeconds) {
    return new ToolResult(tool, ToolStatus.SUCCESS, true, findings.size(), breakdown(findings), List.of(),
        durationSeconds, null, Map.of());
  }

  /** A tool that did not run, or ran and failed, with the reason. */
  public static ToolResult notRun(String tool, ToolStatus status, String reason) {
    return new ToolResult(tool, status, false, 0, Map.of(), List.of(), null, reason, Map.of());
  }

  /** Counts per severity, every level present (zeros included), most severe first. */
  public static Map<String, Integer> breakdown(List<Finding> findings) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    for (Finding f : findings) {
      counts.merge(f.severity(), 1, Integer::sum);
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.forEach((s, n) -> out.put(s.wire(), n));
    return out;
  }

  /** The JSON value of this record for {@code analysis.results}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", tool);
    m.put("status", status.wire());
    m.put("executed", executed);
    m.put("total_issues", totalIssues);
    Map<String, Object> sev = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      if (severityBreakdown.containsKey(s.wire())) {
        sev.put(s.wire(), severityBreakdown.get(s.wire()));
      }
    }
    severityBreakdown.forEach(sev::putIfAbsent);
    m.put("severity_breakdown", sev);
    m.put("issues", issues);
    m.put("duration_seconds", durationSeconds);
    m.put("error", error);
    extra.forEach(m::putIfAbsent);
    return FrozenJson.copyOf(m);
  }
}
