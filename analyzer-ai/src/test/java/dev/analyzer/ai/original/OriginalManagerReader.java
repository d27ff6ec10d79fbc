package dev.analyzer.ai.original;

import dev.analyzer.core.testing.OriginalManagerModes;
import dev.analyzer.core.testing.Py;
import dev.analyzer.core.testing.ToolOutcome;
import static dev.analyzer.core.testing.Py.get;
import static dev.analyzer.core.testing.Py.isDict;
import static dev.analyzer.core.testing.Py.iter;
import static dev.analyzer.core.testing.Py.replace;
import static dev.analyzer.core.testing.Py.str;
import static dev.analyzer.core.testing.Py.truthy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an AI reply the way the original's manager (the version closest to its HEAD,
 * /work/notes/original-reading.md) reads it, line by line, in its two modes:
 * <ul>
 *   <li>{@link #fallback} (§2.0, §2.5, §3.1, §3.3: the manager's own code): the frame's top-level
 *       {@code results} if any, else the frame; {@code analysis.results}, then its {@code analysis}
 *       or itself, then {@code tools}: a successful requirements-scanner (or requirements-checker)
 *       gives a finding per item of {@code backend_requirements} (else {@code functional_requirements}),
 *       {@code frontend_requirements}, {@code admin_requirements} and {@code control_endpoint_tests}
 *       whose {@code met} (else {@code passed}, default true) is falsy, severity
 *       {@code norm(confidence.upper())}; a successful code-quality-analyzer one per entry of
 *       {@code findings[:10]} of each metric of {@code quality_metrics} with {@code passed} falsy,
 *       severity by score (&lt;40 high, &lt;60 medium, else low); random ids (never deduplicated);
 *       any exception loses every finding of the service. Tools map: pass 1
 *       {@code analysis.tool_results}, then pass 2 {@code analysis.tools} for names not there yet,
 *       {@code total_issues} from {@code results.summary} by the manager's key names.</li>
 *   <li>{@link #shared} (§3.4): every {@code analysis.tool_results.<t>.issues[]} and
 *       {@code analysis.results.<cat>.<t>.issues[]}, id
 *       {@code <tool>_<rule_id|test_id>_<file|filename>_<line|line_number>}; list-valued
 *       {@code results.<cat>} items' {@code alerts[]} and {@code vulnerabilities[]}; dedup by id.</li>
 * </ul>
 * What every service shares (the terminal frame, the frame-to-{@code analysis.results} steps, the
 * shared utilities' extractor, dedup and counts, the failed/skipped rule) is in analyzer-core's
 * test-jar ({@link OriginalManagerModes}, {@link ToolOutcome}); this class reads what is the
 * AI service's own: its extractor and its tools map. Test code; stateless.
 */
public final class OriginalManagerReader {

  /**
   * What the manager would save for this service.
   *
   * @param extracted every finding the extractor produced, before dedup
   * @param findings the kept findings after dedup
   * @param totalIssues the tools map's {@code total_issues} per tool
   * @param error the exception that made the manager drop the service's findings, or null
   */
  public record Reading(List<Map<String, Object>> extracted, List<Map<String, Object>> findings,
      Map<String, Integer> severity, Map<String, Integer> byTool, Map<String, Integer> totalIssues,
      Map<String, String> statuses, List<String> toolsFailed, List<String> toolsSkipped, String error) {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OriginalManagerReader() {}

  /** The manager's own reading (SHARED_UTILS_AVAILABLE false). */
  public static Reading fallback(JsonNode frame) {
    return withTools(frame, OriginalManagerModes.fallback(frame, OriginalManagerReader::aiFindings), true);
  }

  /** The shared utilities' reading (SHARED_UTILS_AVAILABLE true). */
  public static Reading shared(JsonNode frame) {
    return withTools(frame, OriginalManagerModes.shared(frame), false);
  }

  /** §2.5 {@code _extract_ai_findings(analysis.results)}, multi-tool branch (the legacy one reads no key of ours). */
  private static List<Map<String, Object>> aiFindings(JsonNode results) {
    List<Map<String, Object>> out = new ArrayList<>();
    JsonNode data = get(results, "analysis", null);
    if (!truthy(data)) {
      data = results;
    }
    JsonNode tools = get(data, "tools", F.objectNode());
    if (truthy(tools) && isDict(tools)) {
      JsonNode scanner = get(tools, "requirements-scanner", get(tools, "requirements-checker", F.objectNode()));
      if (truthy(scanner) && "success".equals(get(scanner, "status").asText(null))) {
        JsonNode r = get(scanner, "results", F.objectNode());
        for (JsonNode item : iter(get(r, "backend_requirements", get(r, "functional_requirements", F.arrayNode())))) {
          check(out, item, "backend");
        }
        for (JsonNode item : iter(get(r, "frontend_requirements", F.arrayNode()))) {
          check(out, item, "frontend");
        }
        for (JsonNode item : iter(get(r, "admin_requirements", F.arrayNode()))) {
          check(out, item, "admin");
        }
        for (JsonNode item : iter(get(r, "control_endpoint_tests", F.arrayNode()))) {
          check(out, item, "control");
        }
      }
      JsonNode quality = get(tools, "code-quality-analyzer", F.objectNode());
      if (truthy(quality) && "success".equals(get(quality, "status").asText(null))) {
        JsonNode r = get(quality, "results", F.objectNode());
        JsonNode metrics = get(r, "quality_metrics", F.arrayNode());
        if (truthy(metrics)) {
          for (JsonNode m : iter(metrics)) {
            if (!truthy(get(m, "passed", F.booleanNode(true)))) {
              metric(out, m);
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code _convert_ai_check_to_finding}. */
  private static void check(List<Map<String, Object>> out, JsonNode item, String category) {
    JsonNode met = get(item, "met", get(item, "passed", F.booleanNode(true)));
    if (!truthy(met)) {
      JsonNode c = get(item, "confidence", TextNode.valueOf("LOW"));
      String confidence = c.isTextual() ? c.asText().toUpperCase(Locale.ROOT) : "LOW";
      out.add(finding("ai_" + category + "_" + out.size(), "requirements-scanner", "ai_" + category
          + "_requirement_failure", Py.fallbackSeverity(confidence)));
    }
  }

  /** {@code _convert_quality_metric_to_finding}. */
  private static void metric(List<Map<String, Object>> out, JsonNode m) {
    String name = str(get(m, "metric_name", TextNode.valueOf("Unknown Metric")));
    String rule = "ai_quality_" + replace(TextNode.valueOf(name.toLowerCase(Locale.ROOT)), " ", "_");
    if (!get(m, "metric_name", TextNode.valueOf("")).isTextual()) {
      throw new Py.PyError("'" + Py.type(get(m, "metric_name")) + "' object has no attribute 'lower'");
    }
    JsonNode score = get(m, "score", F.numberNode(0));
    if (!score.isNumber()) {
      throw new Py.PyError("'<' not supported between instances of '" + Py.type(score) + "' and 'int'");
    }
    String severity = score.asDouble() < 40 ? "high" : score.asDouble() < 60 ? "medium" : "low";
    JsonNode list = get(m, "findings", F.arrayNode());
    List<JsonNode> items = iter(list);
    for (int i = 0; i < Math.min(10, items.size()); i++) {
      out.add(finding(rule + "_" + out.size(), "code-quality-analyzer", rule, severity));
    }
  }

  /**
   * §3.3: pass 1 {@code analysis.tool_results} (in fallback mode; the shared utilities take it too,
   * with {@code total_issues} as findings_count), then pass 2 {@code analysis.tools} for the names not
   * there yet; statuses and the failed/skipped lists of §3.2.
   */
  private static Reading withTools(JsonNode frame, OriginalManagerModes.ModeReading mode, boolean fallbackMode) {
    Map<String, Integer> totals = new TreeMap<>();
    Map<String, String> statuses = new TreeMap<>();
    JsonNode analysis = frame.path("analysis");
    analysis.path("tool_results").fields().forEachRemaining(e -> {
      JsonNode t = e.getValue();
      if (!t.isObject() || statuses.containsKey(e.getKey())) {
        return;
      }
      statuses.put(e.getKey(), fallbackMode ? t.path("status").asText("unknown") : sharedStatus(t.path("status")));
      JsonNode n = t.path("total_issues");
      totals.put(e.getKey(), n.isNumber() ? n.asInt() : fallbackMode ? null : t.path("issues").size());
    });
    analysis.path("tools").fields().forEachRemaining(e -> {
      JsonNode t = e.getValue();
      if (!t.isObject() || statuses.containsKey(e.getKey())) {
        return;
      }
      JsonNode s = t.path("results").path("summary");
      int total = 0;
      if (List.of("requirements-scanner", "requirements-checker").contains(e.getKey())) {
        total += gap(num(s, "backend_total", num(s, "total_functional_requirements", 0)),
            num(s, "backend_met", num(s, "functional_requirements_met", 0)));
        total += gap(num(s, "frontend_total", 0), num(s, "frontend_met", 0));
        total += gap(num(s, "admin_total", 0), num(s, "admin_met", 0));
        total += gap(num(s, "total_api_endpoints", num(s, "total_control_endpoints", 0)),
            num(s, "api_endpoints_passed", num(s, "control_endpoints_passed", 0)));
      } else if (e.getKey().equals("code-quality-analyzer")) {
        if (s.has("aggregate_score")) {
          total = gap(num(s, "total_metrics", 0), num(s, "metrics_passed", 0)) + num(s, "critical_issues_count", 0);
        } else {
          total = gap(num(s, "total_stylistic_requirements", 0), num(s, "stylistic_requirements_met", 0));
        }
      }
      statuses.put(e.getKey(), t.path("status").asText("unknown"));
      totals.put(e.getKey(), total);
    });
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    statuses.forEach((name, status) -> {
      switch (ToolOutcome.of(status)) {
        case SKIPPED -> skipped.add(name);
        case FAILED -> failed.add(name);
        case OK -> { }
      }
    });
    return new Reading(mode.extracted(), mode.findings(), mode.severity(), mode.byTool(), totals, statuses, failed,
        skipped, mode.error());
  }

  private static String sharedStatus(JsonNode status) {
    String s = status.isMissingNode() || status.isNull() ? "" : str(status).toLowerCase(Locale.ROOT).strip();
    if (List.of("success", "completed", "ok", "passed", "done", "no_issues").contains(s)) {
      return "success";
    }
    if (List.of("error", "failed", "failure", "crashed").contains(s)) {
      return "error";
    }
    return List.of("skipped", "not_available", "disabled", "n/a").contains(s) ? "skipped" : "unknown";
  }

  private static int num(JsonNode s, String key, int dflt) {
    JsonNode n = s.get(key);
    if (n == null) {
      return dflt;
    }
    if (!n.isNumber()) {
      throw new IllegalStateException(key + " is not a number: the manager's comparison would raise");
    }
    return n.asInt();
  }

  private static int gap(int total, int met) {
    return total > met ? total - met : 0;
  }

  private static Map<String, Object> finding(String id, String tool, String rule, String severity) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("tool", tool);
    f.put("rule_id", rule);
    f.put("severity", severity);
    return f;
  }
}
