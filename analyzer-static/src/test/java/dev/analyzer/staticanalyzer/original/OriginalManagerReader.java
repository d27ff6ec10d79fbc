package dev.analyzer.staticanalyzer.original;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code static_analysis_result}'s {@code analysis} the way the original manager does
 * (original-analyzer.md §1.1, §5), written from that description and nothing of ours: for every tool
 * record under {@code results.<group>.<tool>}, a SARIF-native tool's (bandit, semgrep, ruff, eslint)
 * findings come from its {@code issues}, or, when those are empty, from its own {@code sarif} runs'
 * results; any other tool's from {@code issues}. Severities fold as its {@code _normalize_severity}
 * does; a finding's id is {@code <tool>_<rule>_<line>}; a tool is failed unless its status is
 * success/completed/no_issues, skipped when it is skipped/not_available. Stateless.
 */
final class OriginalManagerReader {

  /** The original's SARIF-native tools. */
  static final Set<String> SARIF_NATIVE = Set.of("bandit", "semgrep", "ruff", "eslint");

  /** How a reader picks a record's findings. */
  enum Reading {
    /** The manager's code: {@code issues}, else (SARIF-native tools only) {@code sarif}. */
    ISSUES_ELSE_SARIF,
    /** SARIF-native tools from {@code sarif} only, others from {@code issues} (§1.1 read literally). */
    SARIF_FOR_NATIVE,
    /** Both {@code issues} and {@code sarif} of every record that has them (the greediest reader). */
    BOTH
  }

  /** One finding as the manager extracts it. */
  record Extracted(String id, String tool, String rule, String file, Integer line, String severity) {}

  private OriginalManagerReader() {}

  /** Every finding of {@code analysis} as {@code reading} extracts it, in record order. */
  @SuppressWarnings("unchecked")
  static List<Extracted> findings(Map<String, Object> analysis, Reading reading) {
    List<Extracted> out = new ArrayList<>();
    records(analysis).forEach((tool, rec) -> {
      List<Object> issues = rec.get("issues") instanceof List<?> l ? (List<Object>) l : List.of();
      boolean native_ = SARIF_NATIVE.contains(tool);
      boolean fromIssues = reading == Reading.BOTH || reading == Reading.ISSUES_ELSE_SARIF || !native_;
      boolean fromSarif = reading == Reading.BOTH
          || (native_ && (reading == Reading.SARIF_FOR_NATIVE || issues.isEmpty()));
      if (fromIssues) {
        for (Object o : issues) {
          Map<String, Object> i = (Map<String, Object>) o;
          out.add(extracted(tool, str(i.get("rule")), str(i.get("file")), (Integer) i.get("line"),
              str(i.get("severity"))));
        }
      }
      if (fromSarif && rec.get("sarif") instanceof Map<?, ?> sarif) {
        for (Object run : (List<Object>) sarif.get("runs")) {
          for (Object r : (List<Object>) ((Map<String, Object>) run).getOrDefault("results", List.of())) {
            Map<String, Object> result = (Map<String, Object>) r;
            Map<String, Object> phys = physical(result);
            Map<String, Object> region = phys == null ? Map.of() : (Map<String, Object>) phys.getOrDefault("region",
                Map.of());
            String uri = phys == null ? null
                : str(((Map<String, Object>) phys.getOrDefault("artifactLocation", Map.of())).get("uri"));
            out.add(extracted(tool, str(result.get("ruleId")), uri, (Integer) region.get("startLine"),
                str(result.getOrDefault("level", "warning"))));
          }
        }
      }
    });
    return out;
  }

  /** Every tool record: {@code results.<group>.<tool>} maps that carry a {@code status}, keyed by tool. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> records(Map<String, Object> analysis) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    Map<String, Object> results = (Map<String, Object>) analysis.getOrDefault("results", Map.of());
    for (Object group : results.values()) {
      if (!(group instanceof Map<?, ?> g)) {
        continue;
      }
      for (Map.Entry<?, ?> e : g.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> rec && rec.containsKey("status")) {
          out.put((String) e.getKey(), (Map<String, Object>) rec);
        }
      }
    }
    return out;
  }

  /** The manager's classification of a tool status: {@code ok}, {@code skipped} or {@code failed}. */
  static String classify(Object status) {
    String s = String.valueOf(status).toLowerCase(Locale.ROOT);
    if (s.equals("skipped") || s.equals("not_available")) {
      return "skipped";
    }
    return s.equals("success") || s.equals("completed") || s.equals("no_issues") ? "ok" : "failed";
  }

  /** The original's {@code _normalize_severity}. */
  static String normalizeSeverity(String severity) {
    String s = String.valueOf(severity).toLowerCase(Locale.ROOT);
    switch (s) {
      case "critical":
      case "fatal":
      case "high":
      case "error":
        return "high";
      case "medium":
      case "warning":
      case "warn":
        return "medium";
      case "low":
      case "info":
      case "note":
        return "low";
      default:
        return "medium";
    }
  }

  /** {@code summary.severity_breakdown.<key>} as the manager reads it (0 when absent). */
  @SuppressWarnings("unchecked")
  static int summarySeverity(Map<String, Object> analysis, String key) {
    Map<String, Object> summary = (Map<String, Object>) analysis.getOrDefault("summary", Map.of());
    Map<String, Object> sev = (Map<String, Object>) summary.getOrDefault("severity_breakdown", Map.of());
    Object v = sev.get(key);
    return v instanceof Number n ? n.intValue() : 0;
  }

  private static Extracted extracted(String tool, String rule, String file, Integer line, String severity) {
    String r = rule == null ? "unknown" : rule;
    return new Extracted(tool + "_" + r + "_" + (line == null ? 0 : line), tool, rule, file, line,
        normalizeSeverity(severity));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> physical(Map<String, Object> result) {
    List<Object> locations = (List<Object>) result.get("locations");
    if (locations == null || locations.isEmpty()) {
      return null;
    }
    return (Map<String, Object>) ((Map<String, Object>) locations.get(0)).get("physicalLocation");
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
