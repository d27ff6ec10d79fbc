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
 * {@code results} (each with its findings as the original's reader takes them, see
 * {@link OriginalRecords}, and its status in the original's words, ours under {@code status_detail}
 * when they differ), records for the original's names this service covers with another engine
 * ({@code covered_by}) or lacks ({@code not_available}), a summary with the severity breakdown under
 * the original's keys high/medium/low ({@code severity_breakdown}) and ours
 * ({@code severity_breakdown_detail}), {@code _project_metadata}, a SARIF 2.1.0 document under
 * {@code sarif_export} (one run per tool, data-flow traces as {@code codeFlows}), plus
 * {@code findings} where one issue found by several tools (same file, line and CWE) is one finding
 * listing them all. Each of {@code findings} is in the {@code issues} of exactly one record
 * ({@link ManagerLayout}: its owner among the original's requested names, else its first tool's own
 * record), so both modes of the original's manager count {@code findings.size()}; each record's
 * {@code tool_findings} is what its tool reported ({@code summary.total_tool_findings} in all).
 * Not thread-safe.
 */
public final class ResultAssembler {

  /** One tool's outcome as it enters the report. */
  public record Entry(String tool, String group, String version, ToolResult result, List<Finding> findings) {}

  /** A requested name this service does not run as itself: covered by engines, or not available. */
  private record Named(String name, String group, List<String> coveredBy, String status, String detail,
      String reason) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Named> named = new LinkedHashMap<>();

  public void add(Entry e) {
    entries.add(e);
  }

  /**
   * Reports the requested {@code name} as covered by {@code engines} (which run as themselves and
   * keep their findings in their own records): the record of {@code name} (its own, when the tool
   * exists but could not run, else one under {@code group}) names them in {@code covered_by}, with
   * their status, and holds no findings of its own.
   */
  public void cover(String name, String group, List<String> engines, String reason) {
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("covering " + name + " needs at least one engine");
    }
    named.put(name, new Named(name, group, List.copyOf(engines), null, null, reason));
  }

  /**
   * Reports the requested {@code name} under {@code group} with the original's {@code status}
   * ({@code not_available} or {@code skipped}), our {@code detail} (or null) and the {@code reason}.
   */
  public void unavailable(String name, String group, String status, String detail, String reason) {
    named.put(name, new Named(name, group, List.of(), status, detail, reason));
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
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    Map<String, Entry> byTool = new LinkedHashMap<>();
    for (Entry e : entries) {
      b.withToolResult(e.group(), e.result());
      byTool.put(e.tool(), e);
    }
    for (Entry e : entries) {
      Map<String, Object> rec = record(e);
      Named n = named.get(e.tool());
      if (n != null && !n.coveredBy().isEmpty()) {
        rec.put("covered_by", n.coveredBy());
        rec.put("covered_issues", coveredIssues(n, byTool));
        rec.put("reason", n.reason());
      }
      groups.computeIfAbsent(e.group(), g -> new LinkedHashMap<>()).put(e.tool(), rec);
    }
    for (Named n : named.values()) {
      if (!byTool.containsKey(n.name())) {
        groups.computeIfAbsent(n.group(), g -> new LinkedHashMap<>()).put(n.name(), record(n, byTool));
      }
    }
    Map<String, String> versions = new LinkedHashMap<>();
    entries.forEach(e -> versions.put(e.tool(), e.version()));
    Map<String, Integer> toolFindings = new LinkedHashMap<>();
    entries.forEach(e -> toolFindings.put(e.tool(), e.findings().size()));
    // each merged finding into exactly one record's issues, for both modes of the original's manager
    new ManagerLayout(groups, request.selectedTools()).apply(mergedFindings(), versions, toolFindings);
    groups.forEach(b::withResult);
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
        .withSummary("severity_breakdown", OriginalVocabulary.breakdown(merged))
        .withSummary("severity_breakdown_detail", severity)
        .withSummary("analysis_status", failed == 0 ? "completed" : ok > 0 ? "partial" : "failed");
    summaryExtra.forEach(b::withSummary);
    b.withFindings(merged).withExtra("_project_metadata", projectMetadata)
        .withExtra("sarif_export", sarif());
    return b.build();
  }

  /**
   * {@code e}'s record: ours, with the original's status (ours in {@code status_detail}); its
   * {@code issues}, counts and SARIF are filled by {@link ManagerLayout}.
   */
  private static Map<String, Object> record(Entry e) {
    Map<String, Object> m = new LinkedHashMap<>(e.result().toMap());
    String ours = e.result().status().wire();
    String original = OriginalVocabulary.status(e.result().status());
    m.put("status", original);
    if (!original.equals(ours)) {
      m.put("status_detail", ours);
    }
    m.put("issues", List.of());
    if (OriginalNames.isSarifNative(e.tool()) && e.result().executed()) {
      m.put("format", "sarif");
      m.put("sarif", OriginalRecords.sarif(e.tool(), e.version(), List.of()));
    }
    return m;
  }

  /** The record of a name without a tool of its own here: covered (status of its engines) or unavailable. */
  private static Map<String, Object> record(Named n, Map<String, Entry> byTool) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", n.name());
    String status = n.status();
    boolean executed = false;
    List<String> errors = new ArrayList<>();
    if (!n.coveredBy().isEmpty()) {
      boolean ok = false;
      for (String engine : n.coveredBy()) {
        Entry e = byTool.get(engine);
        if (e == null) {
          continue;
        }
        executed |= e.result().executed();
        String s = OriginalVocabulary.status(e.result().status());
        if (s.equals(OriginalVocabulary.ERROR)) {
          errors.add(engine + ": " + e.result().error());
        } else if (s.equals(OriginalVocabulary.SUCCESS)) {
          ok = true;
        }
      }
      status = !errors.isEmpty() ? OriginalVocabulary.ERROR : ok ? OriginalVocabulary.SUCCESS
          : OriginalVocabulary.SKIPPED;
    }
    m.put("status", status);
    if (n.detail() != null) {
      m.put("status_detail", n.detail());
    }
    boolean sarifNative = OriginalNames.isSarifNative(n.name());
    m.put("executed", executed);
    m.put("issues", List.of());
    m.put("duration_seconds", null);
    m.put("error", !errors.isEmpty() ? String.join("; ", errors) : n.coveredBy().isEmpty() ? n.reason() : null);
    if (!n.coveredBy().isEmpty()) {
      m.put("covered_by", n.coveredBy());
      m.put("covered_issues", coveredIssues(n, byTool));
      m.put("reason", n.reason());
      m.put("note", "this service runs " + String.join(", ", n.coveredBy()) + " for " + n.name()
          + "; each finding is in one record only (the engines' records name it in issues_in)");
      if (sarifNative && executed) {
        m.put("format", "sarif");
        m.put("sarif", OriginalRecords.sarif(n.name(), null, List.of()));
      }
    }
    return m;
  }

  private static int coveredIssues(Named n, Map<String, Entry> byTool) {
    int sum = 0;
    for (String engine : n.coveredBy()) {
      Entry e = byTool.get(engine);
      sum += e == null ? 0 : e.findings().size();
    }
    return sum;
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
