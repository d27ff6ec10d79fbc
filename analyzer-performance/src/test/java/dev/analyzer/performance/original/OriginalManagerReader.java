package dev.analyzer.performance.original;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a performance reply the way the original's code reads it, strictly: where the Python
 * would raise (a dict method on a list, {@code >} or {@code :.2f} on {@code None}, {@code len()} of a
 * number) this throws {@link Unreadable}, because there the original's manager logs a warning and
 * saves nothing for the service. Replays (original-analyzer.md §5, GrabowMar/ThesisAppRework):
 * <ul>
 *   <li>{@code analyzer_manager._extract_performance_findings}: {@code analysis.results.tool_runs}
 *       as a dict; per record with {@code status == "success"}: {@code failed_requests > 0} is a
 *       {@code high-failure-rate} finding (high), {@code avg_response_time > 500} a
 *       {@code slow-response-time} one and {@code 0 < requests_per_second < 20} a
 *       {@code low-throughput} one (medium);</li>
 *   <li>{@code _collect_normalized_tools} and {@code save_task_results}: {@code analysis.tool_results}
 *       statuses; skipped = {@code skipped}/{@code not_available}, failed = anything but
 *       {@code success}/{@code completed}/{@code no_issues};</li>
 *   <li>the web app's per-URL reading ({@code analyzer_integration}): each requested tool's record
 *       under {@code results[url]}: {@code failures} or {@code len(errors)} as its issue count,
 *       {@code avg_response_time} and {@code requests_per_second} formatted as numbers.</li>
 * </ul>
 * Test code; stateless.
 */
public final class OriginalManagerReader {

  /** Where the original's code would have raised. */
  public static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message);
    }
  }

  /** What the original would have taken from the reply. */
  public record Reading(List<Map<String, Object>> findings, Map<String, String> statuses, List<String> toolsFailed,
      List<String> toolsSkipped, Map<String, Integer> issuesPerUrlTool, List<String> toolsUsed) {}

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

  public static Reading read(JsonNode reply, List<String> toolsRequested) {
    JsonNode analysis = reply.path("analysis");
    JsonNode results = analysis.path("results");
    List<Map<String, Object>> findings = new ArrayList<>();
    JsonNode runs = results.path("tool_runs");
    if (!runs.isMissingNode() && !runs.isObject()) {
      throw new Unreadable("results.tool_runs is a " + runs.getNodeType() + ": tool_runs.items() raises");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = runs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      if (!r.isObject() || !"success".equals(r.path("status").asText(null))) {
        continue;
      }
      String url = r.path("url").asText("unknown_url");
      double failed = number(r, "failed_requests", 0, e.getKey());
      if (failed > 0) {
        findings.add(finding(e.getKey(), "high-failure-rate", "high", url));
      }
      Double avg = optionalNumber(r, "avg_response_time", e.getKey());
      if (avg != null && avg != 0 && avg > 500) {
        findings.add(finding(e.getKey(), "slow-response-time", "medium", url));
      }
      Double rps = optionalNumber(r, "requests_per_second", e.getKey());
      if (rps != null && rps != 0 && rps < 20) {
        findings.add(finding(e.getKey(), "low-throughput", "medium", url));
      }
    }
    Map<String, String> statuses = new TreeMap<>();
    JsonNode toolResults = analysis.path("tool_results");
    for (Iterator<Map.Entry<String, JsonNode>> it = toolResults.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        statuses.putIfAbsent(e.getKey(), e.getValue().path("status").asText("unknown"));
      }
    }
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
    Map<String, Integer> issues = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> u = it.next();
      if (!u.getValue().isObject()) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> t = u.getValue().fields(); t.hasNext(); ) {
        Map.Entry<String, JsonNode> tool = t.next();
        if (tool.getKey().equals("connectivity") || !tool.getValue().isObject()
            || !toolsRequested.contains(tool.getKey())) {
          continue;
        }
        JsonNode d = tool.getValue();
        int total = 0;
        if (d.has("failures")) {
          total = (int) number(d, "failures", 0, tool.getKey());
        } else if (d.has("errors")) {
          if (!d.path("errors").isArray() && !d.path("errors").isObject() && !d.path("errors").isTextual()) {
            throw new Unreadable(tool.getKey() + ".errors is " + d.path("errors") + ": len() raises");
          }
          total = d.path("errors").size();
        }
        if (d.has("avg_response_time")) {
          number(d, "avg_response_time", 0, tool.getKey());
        }
        if (d.has("requests_per_second")) {
          number(d, "requests_per_second", 0, tool.getKey());
        }
        issues.put(u.getKey() + " " + tool.getKey(), total);
      }
    }
    List<String> used = new ArrayList<>();
    analysis.path("tools_used").forEach(n -> used.add(n.asText()));
    return new Reading(findings, statuses, failed, skipped, issues, used);
  }

  /** {@code data.get(key, fallback)} used as a number (compared or formatted). */
  private static double number(JsonNode r, String key, double fallback, String tool) {
    if (!r.has(key)) {
      return fallback;
    }
    JsonNode v = r.path(key);
    if (!v.isNumber()) {
      throw new Unreadable(tool + "." + key + " is " + v + ", not a number: comparing or formatting it raises");
    }
    return v.asDouble();
  }

  /** {@code data.get(key)} tested for truth, then compared: null is skipped, anything but a number raises. */
  private static Double optionalNumber(JsonNode r, String key, String tool) {
    JsonNode v = r.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new Unreadable(tool + "." + key + " is " + v + ", not a number");
    }
    return v.asDouble();
  }

  private static Map<String, Object> finding(String tool, String rule, String severity, String url) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", "perf_" + tool + "_" + rule + "_" + url);
    f.put("tool", tool);
    f.put("rule_id", rule);
    f.put("severity", severity);
    return f;
  }
}
