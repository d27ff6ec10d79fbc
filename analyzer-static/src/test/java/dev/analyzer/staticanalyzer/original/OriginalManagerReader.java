package dev.analyzer.staticanalyzer.original;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.core.testing.OriginalManagerModes.ModeReading;
import dev.analyzer.core.testing.Py;
import dev.analyzer.core.testing.ToolOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code static_analysis_result}'s {@code analysis} the way the original manager does
 * (original-analyzer.md §1.1, §5), written from that description and nothing of ours: for every tool
 * record under {@code results.<group>.<tool>}, a SARIF-native tool's (bandit, semgrep, ruff, eslint)
 * findings come from its {@code issues}, or, when those are empty, from its own {@code sarif} runs'
 * results; any other tool's from {@code issues}. Severities fold as its {@code _normalize_severity}
 * does ({@link Py#fallbackSeverity}); a finding's id is {@code <tool>_<rule>_<line>}; a tool is
 * failed or skipped by its status as {@link ToolOutcome} files it. Stateless.
 */
final class OriginalManagerReader {

  /** The original's SARIF-native tools. */
  static final Set<String> SARIF_NATIVE = Set.of("bandit", "semgrep", "ruff", "eslint");

  /** How a reader picks a record's findings. */
  enum Reading {
    /** The manager's code: {@code issues}, else (SARIF-native tools only) {@code sarif}. */
    ISSUES_ELSE_SARIF,
    /** SARIF-native tools from {@code sarif} only, others from {@code issues} (§1.1 read literally). */
    SARIF_FOR_NATIVE
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
      boolean fromIssues = reading == Reading.ISSUES_ELSE_SARIF || !native_;
      boolean fromSarif = native_ && (reading == Reading.SARIF_FOR_NATIVE || issues.isEmpty());
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

  /**
   * The original manager's own static extractor (its {@code _extract_static_findings}), which reads
   * findings only under its tool names, each with that tool's keys: bandit's {@code issues} (Bandit's
   * JSON keys), else its {@code sarif}; pylint's {@code issues} ({@code message-id}, {@code line},
   * {@code type}, {@code path}); semgrep's and ruff's {@code issues} ({@code rule_id}, {@code line},
   * {@code severity}, {@code file}), else their {@code sarif}; detect-secrets' {@code issues};
   * safety's and pip-audit's {@code vulnerabilities}; eslint's {@code issues}. Nothing else (our own
   * tool names, flake8) is read.
   */
  @SuppressWarnings("unchecked")
  static List<Extracted> byName(Map<String, Object> analysis) {
    Map<String, Object> results = (Map<String, Object>) analysis.getOrDefault("results", Map.of());
    Map<String, Object> py = (Map<String, Object>) results.getOrDefault("python", Map.of());
    Map<String, Object> js = (Map<String, Object>) results.getOrDefault("javascript", Map.of());
    List<Extracted> out = new ArrayList<>();
    Map<String, Object> bandit = (Map<String, Object>) py.getOrDefault("bandit", Map.of());
    List<Map<String, Object>> bi = (List<Map<String, Object>>) bandit.getOrDefault("issues", List.of());
    if (bi.isEmpty()) {
      out.addAll(sarifOf("bandit", bandit));
    } else {
      bi.forEach(i -> out.add(extracted("bandit", str(i.get("test_id")), str(i.get("filename")),
          (Integer) i.get("line_number"), str(i.get("issue_severity")))));
    }
    Map<String, Object> pylint = (Map<String, Object>) py.getOrDefault("pylint", Map.of());
    for (Map<String, Object> i : (List<Map<String, Object>>) pylint.getOrDefault("issues", List.of())) {
      out.add(extracted("pylint", str(i.get("message-id")), str(i.get("path")), (Integer) i.get("line"),
          str(i.get("type"))));
    }
    for (String tool : List.of("semgrep", "ruff")) {
      Map<String, Object> rec = (Map<String, Object>) py.getOrDefault(tool, Map.of());
      List<Map<String, Object>> is = (List<Map<String, Object>>) rec.getOrDefault("issues", List.of());
      if (is.isEmpty()) {
        out.addAll(sarifOf(tool, rec));
      } else {
        is.forEach(i -> out.add(extracted(tool, str(i.get("rule_id")), str(i.get("file")), (Integer) i.get("line"),
            str(i.get("severity")))));
      }
    }
    Map<String, Object> secrets = (Map<String, Object>) py.getOrDefault("detect-secrets", Map.of());
    for (Map<String, Object> i : (List<Map<String, Object>>) secrets.getOrDefault("issues", List.of())) {
      out.add(new Extracted("detect_secrets_" + i.get("line"), "detect-secrets", "secret-detection",
          str(i.get("file")), (Integer) i.get("line"), "high"));
    }
    for (String tool : List.of("safety", "pip-audit")) {
      Map<String, Object> rec = (Map<String, Object>) py.getOrDefault(tool, Map.of());
      for (Map<String, Object> v : (List<Map<String, Object>>) rec.getOrDefault("vulnerabilities", List.of())) {
        String id = tool.equals("safety") ? "safety_" + v.get("vulnerability_id") + "_" + v.get("package_name")
            : "pip_audit_" + v.get("id") + "_" + v.get("package");
        out.add(new Extracted(id, tool, str(v.get("vulnerability_id")), "requirements.txt", null,
            tool.equals("safety") ? Py.fallbackSeverity(str(v.get("severity"))) : "high"));
      }
    }
    Map<String, Object> eslint = (Map<String, Object>) js.getOrDefault("eslint", Map.of());
    for (Map<String, Object> i : (List<Map<String, Object>>) eslint.getOrDefault("issues", List.of())) {
      out.add(extracted("eslint", str(i.get("rule_id")), str(i.get("file")), (Integer) i.get("line"),
          str(i.get("severity"))));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Extracted> sarifOf(String tool, Map<String, Object> rec) {
    List<Extracted> out = new ArrayList<>();
    if (!(rec.get("sarif") instanceof Map<?, ?> sarif)) {
      return out;
    }
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
        Py.fallbackSeverity(severity));
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

  /**
   * The manager's own extractor over a whole static frame (SHARED_UTILS_AVAILABLE false;
   * original-reading.md §2.0, §2.2, §3.1, Python semantics): see {@link ManagerModes#fallback}.
   */
  static ModeReading fallback(JsonNode frame) {
    return ManagerModes.fallback(frame);
  }

  /** The shared utilities' reading of a whole static frame (§3.4): see {@link ManagerModes#shared}. */
  static ModeReading shared(JsonNode frame) {
    return ManagerModes.shared(frame);
  }
}
