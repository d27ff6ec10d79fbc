package dev.analyzer.ai.original;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an AI reply the way the original's manager reads it (original-analyzer.md §5 "Send and
 * wait", "Results layout", over the §1.4/§4 record shapes): the terminal frame; per tool under
 * {@code analysis.tools} its status and {@code total_issues} by the manager's rule
 * (requirements-scanner: unmet requirements + failed endpoints; code-quality-analyzer: failed
 * metrics + critical issues); one finding per unmet requirement item, failed control endpoint test
 * and failed metric; severities folded to high/medium/low; failed and skipped tool lists by the
 * manager's rule. Lenient like the original (missing keys are empty). Test code; stateless.
 */
public final class OriginalManagerReader {

  /** What the manager would save for this service. */
  public record Reading(List<Map<String, Object>> findings, Map<String, Integer> severity,
      Map<String, Integer> totalIssues, Map<String, String> statuses, List<String> toolsFailed,
      List<String> toolsSkipped) {}

  private OriginalManagerReader() {}

  /** §5 step 4: the first frame whose type contains analysis_result (or ends with _analysis) and has an analysis dict. */
  public static JsonNode terminal(List<JsonNode> frames) {
    for (JsonNode f : frames) {
      String type = f.path("type").asText("");
      boolean terminal = type.contains("analysis_result") || type.endsWith("_analysis") && f.has("analysis");
      if (terminal && f.path("analysis").isObject()) {
        return f;
      }
    }
    return null;
  }

  public static Reading read(JsonNode reply) {
    JsonNode tools = reply.path("analysis").path("tools");
    List<Map<String, Object>> findings = new ArrayList<>();
    Map<String, Integer> totals = new TreeMap<>();
    Map<String, String> statuses = new TreeMap<>();
    JsonNode scanner = tools.path("requirements-scanner");
    if (scanner.isObject()) {
      statuses.put("requirements-scanner", scanner.path("status").asText("unknown"));
      JsonNode results = scanner.path("results");
      int unmet = 0;
      for (String key : List.of("backend_requirements", "frontend_requirements", "admin_requirements",
          "functional_requirements")) {
        for (JsonNode item : results.path(key)) {
          if (!item.path("met").asBoolean(true)) {
            unmet++;
            // the original's manager takes a requirement's confidence for its severity
            findings.add(finding("requirements-scanner", "requirement_not_met", item.path("confidence").asText("LOW")));
          }
        }
      }
      int failedEndpoints = 0;
      for (JsonNode t : results.path("control_endpoint_tests")) {
        if (!t.path("passed").asBoolean(false)) {
          failedEndpoints++;
          findings.add(finding("requirements-scanner", "endpoint_failed", "medium"));
        }
      }
      totals.put("requirements-scanner", unmet + failedEndpoints);
    }
    JsonNode quality = tools.path("code-quality-analyzer");
    if (quality.isObject()) {
      statuses.put("code-quality-analyzer", quality.path("status").asText("unknown"));
      JsonNode results = quality.path("results");
      JsonNode summary = results.path("summary").isObject() ? results.path("summary") : quality.path("summary");
      for (JsonNode m : results.path("quality_metrics")) {
        if (!m.path("passed").asBoolean(true)) {
          findings.add(finding("code-quality-analyzer", "quality_" + m.path("metric_id").asText(),
              m.path("weight").asDouble() >= 1.3 ? "medium" : "low"));
        }
      }
      totals.put("code-quality-analyzer", summary.path("metrics_failed").asInt(0)
          + summary.path("critical_issues_count").asInt(0));
    }
    Map<String, Integer> severity = new LinkedHashMap<>(Map.of("high", 0, "medium", 0, "low", 0));
    findings.forEach(f -> severity.merge((String) f.get("severity"), 1, Integer::sum));
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    statuses.forEach((name, status) -> {
      String s = status.toLowerCase(Locale.ROOT);
      if (s.equals("skipped") || s.equals("not_available")) {
        skipped.add(name);
      } else if (!List.of("success", "completed", "no_issues").contains(s)) {
        failed.add(name);
      }
    });
    return new Reading(findings, severity, totals, statuses, failed, skipped);
  }

  /** §5: critical/fatal/high/error → high, medium/warning → medium, low/info/note → low, else medium. */
  public static String fold(String severity) {
    return switch (String.valueOf(severity).toLowerCase(Locale.ROOT)) {
      case "critical", "fatal", "high", "error" -> "high";
      case "medium", "warning", "warn" -> "medium";
      case "low", "info", "note" -> "low";
      default -> "medium";
    };
  }

  private static Map<String, Object> finding(String tool, String rule, String severity) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("tool", tool);
    f.put("rule_id", rule);
    f.put("severity", fold(severity));
    return f;
  }
}
