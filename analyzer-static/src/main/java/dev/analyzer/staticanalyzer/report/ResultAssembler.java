package dev.analyzer.staticanalyzer.report;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisBuilder;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.core.sarif.SarifWriter;
import dev.analyzer.core.sarif.SarifWriterBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the static reply in the original's shape: tool records grouped by language under
 * {@code results}, a summary with the severity breakdown, {@code _project_metadata}, a SARIF 2.1.0
 * document under {@code sarif_export} (one run per tool, data-flow traces as {@code codeFlows}), plus
 * {@code findings} where one issue found by several tools (same file, line and CWE) is one finding
 * listing them all. Not thread-safe.
 */
public final class ResultAssembler {

  /** One tool's outcome as it enters the report. */
  public record Entry(String tool, String group, String version, ToolResult result, List<Finding> findings) {}

  private final List<Entry> entries = new ArrayList<>();

  public void add(Entry e) {
    entries.add(e);
  }

  /**
   * Merged findings: security first, then linter (quality) findings, each most severe first. Findings of different tools on the same file and line with
   * the same class (CWE; rule id and tool when there is none) are one finding naming every tool; two
   * findings of the same tool are never merged, so two issues on one line stay two.
   */
  public List<Finding> mergedFindings() {
    Map<String, List<Finding>> byKey = new LinkedHashMap<>();
    for (Entry e : entries) {
      for (Finding f : e.findings()) {
        List<Finding> same = byKey.computeIfAbsent(key(f), k -> new ArrayList<>());
        boolean merged = false;
        for (int i = 0; i < same.size(); i++) {
          if (!same.get(i).tools().contains(f.tool())) {
            same.set(i, same.get(i).mergedWith(f));
            merged = true;
            break;
          }
        }
        if (!merged) {
          same.add(f);
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    byKey.values().forEach(out::addAll);
    out.sort((a, b) -> isQuality(a) != isQuality(b) ? (isQuality(a) ? 1 : -1) : a.severity().compareTo(b.severity()));
    return out;
  }

  /** Linter tools whose findings are code quality, not security. */
  public static final java.util.Set<String> QUALITY_TOOLS = java.util.Set.of("pylint", "flake8");

  /** True for a finding only linters reported (style and correctness messages, not security). */
  public static boolean isQuality(Finding f) {
    return QUALITY_TOOLS.containsAll(f.tools());
  }

  private static String key(Finding f) {
    if (f.location() == null || !f.location().isFile() || f.location().line() == null) {
      return f.fingerprint();
    }
    String where = f.location().file() + ":" + f.location().line() + ":";
    return f.cwe() != null ? where + f.cwe() : where + f.tool() + ":" + f.ruleId();
  }

  /** All findings as each tool reported them (for SARIF, one run per tool). */
  public List<Finding> allFindings() {
    List<Finding> out = new ArrayList<>();
    entries.forEach(e -> out.addAll(e.findings()));
    return out;
  }

  public Analysis build(AnalysisRequest request, Instant now, String status, Map<String, Object> projectMetadata,
      Map<String, Object> summaryExtra) {
    AnalysisBuilder b = Analysis.builder().forRequest(request).withAnalysisTime(now).withStatus(status);
    for (Entry e : entries) {
      b.withToolResult(e.group(), e.result());
    }
    List<Finding> merged = mergedFindings();
    Map<String, Integer> severity = ToolResult.breakdown(merged);
    int ok = 0;
    int failed = 0;
    List<String> notInstalled = new ArrayList<>();
    for (Entry e : entries) {
      ToolStatus s = e.result().status();
      if (s == ToolStatus.SUCCESS) {
        ok++;
      } else if (s == ToolStatus.ERROR || s == ToolStatus.TIMEOUT) {
        failed++;
      } else if (s == ToolStatus.NOT_INSTALLED) {
        notInstalled.add(e.tool());
      }
    }
    List<Finding> security = merged.stream().filter(f -> !isQuality(f)).toList();
    b.withSummary("total_issues_found", merged.size())
        .withSummary("security_issues_found", security.size())
        .withSummary("quality_issues_found", merged.size() - security.size())
        .withSummary("security_severity_breakdown", ToolResult.breakdown(security))
        .withSummary("total_tool_findings", allFindings().size())
        .withSummary("tools_run_successfully", ok)
        .withSummary("tools_failed", failed)
        .withSummary("tools_not_installed", notInstalled)
        .withSummary("severity_breakdown", severity)
        .withSummary("analysis_status", failed == 0 ? "completed" : ok > 0 ? "partial" : "failed");
    summaryExtra.forEach(b::withSummary);
    b.withFindings(merged).withExtra("_project_metadata", projectMetadata)
        .withExtra("sarif_export", sarif());
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> sarif() {
    SarifWriterBuilder sb = SarifWriter.builder().withCategory("static");
    for (Entry e : entries) {
      sb.withTool(e.tool(), e.version(), null);
    }
    List<Finding> all = allFindings();
    return new ObjectMapper().convertValue(CodeFlows.add(sb.build().toTree(all), all), Map.class);
  }

  public List<Entry> entries() {
    return entries;
  }
}
