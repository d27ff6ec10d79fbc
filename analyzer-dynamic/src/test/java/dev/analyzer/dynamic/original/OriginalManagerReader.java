package dev.analyzer.dynamic.original;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a dynamic reply the way the original's manager ({@code analyzer_manager.py}) reads it, as
 * original-analyzer.md §5 describes it ("Send and wait", "Results layout") and as its
 * {@code _extract_dynamic_findings} does: findings from {@code results.zap_security_scan[]}
 * (records with status success, one per {@code vulnerabilities[]} entry, tool {@code zap}), from
 * {@code results.vulnerability_scan[]} (type {@code exposed_paths}, one per path, tool
 * {@code curl}) and from {@code results.port_scan} (open ports 21 and 23, tool {@code nmap});
 * ids {@code <tool>_<type>_<url>}, deduplicated by id; severities folded to high/medium/low; the
 * tool map from {@code analysis.tool_results} with failed and skipped lists by the manager's rule.
 * Deliberately lenient like the original (missing keys are empty). Test code; stateless.
 */
public final class OriginalManagerReader {

  /** What the manager would save for this service. */
  public record Reading(List<Map<String, Object>> extracted, Map<String, Map<String, Object>> findings,
      Map<String, Integer> severity, Map<String, Integer> byTool, Map<String, Map<String, Object>> tools,
      List<String> toolsFailed, List<String> toolsSkipped, String serviceStatus) {}

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
    JsonNode analysis = reply.path("analysis");
    JsonNode results = analysis.path("results");
    List<Map<String, Object>> extracted = new ArrayList<>();
    for (JsonNode scan : results.path("zap_security_scan")) {
      if (!"success".equals(scan.path("status").asText())) {
        continue;
      }
      String url = scan.path("url").asText("unknown_url");
      for (JsonNode v : scan.path("vulnerabilities")) {
        if (v.isObject()) {
          extracted.add(finding("zap_" + v.path("type").asText("unknown").replace(' ', '_') + "_" + url, "zap",
              v.path("type").asText(null), v.path("severity").asText("medium")));
        }
      }
    }
    for (JsonNode scan : results.path("vulnerability_scan")) {
      if (!"success".equals(scan.path("status").asText())) {
        continue;
      }
      String url = scan.path("url").asText("unknown_url");
      for (JsonNode v : scan.path("vulnerabilities")) {
        if (v.isObject() && "exposed_paths".equals(v.path("type").asText())) {
          for (JsonNode p : v.path("paths")) {
            extracted.add(finding("curl_exposed_path_" + p.path("path").asText("").replace("/", "") + "_" + url,
                "curl", "exposed-path", v.path("severity").asText("low")));
          }
        }
      }
    }
    JsonNode ports = results.path("port_scan");
    if ("success".equals(ports.path("status").asText())) {
      for (JsonNode p : ports.path("open_ports")) {
        if (p.asInt() == 21 || p.asInt() == 23) {
          extracted.add(finding("nmap_insecure_port_" + p.asInt() + "_" + ports.path("host").asText("unknown_host"),
              "nmap", "insecure-port-open", "medium"));
        }
      }
    }
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Map<String, Object> f : extracted) {
      byId.putIfAbsent((String) f.get("id"), f);
    }
    Map<String, Integer> severity = new LinkedHashMap<>(Map.of("high", 0, "medium", 0, "low", 0));
    Map<String, Integer> byTool = new TreeMap<>();
    for (Map<String, Object> f : byId.values()) {
      severity.merge((String) f.get("severity"), 1, Integer::sum);
      byTool.merge((String) f.get("tool"), 1, Integer::sum);
    }
    Map<String, Map<String, Object>> tools = new TreeMap<>();
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    analysis.path("tool_results").fields().forEachRemaining(e -> {
      JsonNode t = e.getValue();
      if (!t.isObject()) {
        return;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", t.path("status").asText("unknown"));
      m.put("total_issues", t.path("total_issues").isNumber() ? t.path("total_issues").asInt() : null);
      m.put("executed", t.path("executed").asBoolean(false));
      m.put("error", t.path("error").isNull() ? null : t.path("error").asText(null));
      tools.put(e.getKey(), m);
    });
    tools.forEach((name, m) -> {
      String s = String.valueOf(m.get("status")).toLowerCase(Locale.ROOT);
      if (s.equals("skipped") || s.equals("not_available")) {
        skipped.add(name);
      } else if (!List.of("success", "completed", "no_issues").contains(s)) {
        failed.add(name);
      }
    });
    return new Reading(extracted, byId, severity, byTool, tools, failed, skipped, reply.path("status").asText());
  }

  /** §5: critical/fatal/high/error → high, medium/warning → medium, low/info/note → low, else medium. */
  public static String fold(String severity) {
    String s = String.valueOf(severity).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "critical", "fatal", "high", "error" -> "high";
      case "medium", "warning", "warn" -> "medium";
      case "low", "info", "note" -> "low";
      default -> "medium";
    };
  }

  private static Map<String, Object> finding(String id, String tool, String rule, String severity) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("tool", tool);
    f.put("rule_id", rule);
    f.put("severity", fold(severity));
    return f;
  }
}
