package dev.analyzer.core.testing;

import static dev.analyzer.core.testing.Py.get;
import static dev.analyzer.core.testing.Py.isDict;
import static dev.analyzer.core.testing.Py.isList;
import static dev.analyzer.core.testing.Py.replace;
import static dev.analyzer.core.testing.OriginalManagerModes.finding;
import static dev.analyzer.core.testing.Py.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The findings the original's manager takes from one service's frame when it runs with the web
 * app's shared utilities ({@code aggregate_findings_from_services}, original-reading.md §3.4), before
 * its dedup: every {@code analysis.tool_results.<t>.issues[]} and
 * {@code analysis.results.<cat>.<t>.issues[]}, id
 * {@code <tool>_<rule_id|test_id>_<file|filename>_<line|line_number>} (Python's {@code get} with a
 * default: a key that is there wins even when null); list-valued {@code results.<cat>} items'
 * {@code alerts[]} ({@code zap_<alert>}) and {@code vulnerabilities[]} ({@code curl_<type>}).
 * Each finding is a map of {@code id}, {@code tool}, {@code rule_id}, {@code severity} and
 * {@code path} (the issue's file, the alert's url, the curl item's url). The shared utilities have
 * one such function for every service, so every module's original-manager reader uses this one.
 * Test code; stateless, thread-safe.
 */
public final class SharedModeReader {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SharedModeReader() {}

  /** Every finding of {@code frame} in reading order; a Python exception is a {@link Py.PyError}. */
  public static List<Map<String, Object>> extract(JsonNode frame) {
    List<Map<String, Object>> extracted = new ArrayList<>();
    JsonNode analysis = isDict(frame) ? get(frame, "analysis", F.objectNode()) : F.objectNode();
    if (isDict(analysis)) {
      JsonNode toolResults = get(analysis, "tool_results", F.objectNode());
      if (isDict(toolResults)) {
        toolResults.fields().forEachRemaining(e -> extracted.addAll(toolIssues(e.getKey(), e.getValue())));
      }
      JsonNode results = get(analysis, "results", F.objectNode());
      if (isDict(results)) {
        results.fields().forEachRemaining(c -> {
          if (isList(c.getValue())) {
            for (JsonNode item : c.getValue()) {
              extracted.addAll(listItem(item));
            }
          } else if (isDict(c.getValue())) {
            c.getValue().fields().forEachRemaining(t -> extracted.addAll(toolIssues(t.getKey(), t.getValue())));
          }
        });
      }
    }
    return extracted;
  }

  /** §3.4 {@code _extract_tool_findings}. */
  private static List<Map<String, Object>> toolIssues(String tool, JsonNode data) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!isDict(data)) {
      return out;
    }
    JsonNode issues = get(data, "issues", F.arrayNode());
    if (!isList(issues)) {
      return out;
    }
    for (JsonNode issue : issues) {
      if (!isDict(issue)) {
        continue;
      }
      String file = str(get(issue, "file", get(issue, "filename", TextNode.valueOf(""))));
      String line = str(get(issue, "line", get(issue, "line_number", F.numberNode(0))));
      String rule = str(get(issue, "rule_id", get(issue, "test_id", TextNode.valueOf(""))));
      out.add(finding(tool + "_" + rule + "_" + file + "_" + line, tool, rule,
          Py.sharedSeverity(get(issue, "severity", null)), file));
    }
    return out;
  }

  /** §3.4 {@code _extract_list_findings}. */
  private static List<Map<String, Object>> listItem(JsonNode item) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!isDict(item)) {
      return out;
    }
    JsonNode alerts = get(item, "alerts", F.arrayNode());
    if (isList(alerts)) {
      for (JsonNode a : alerts) {
        if (isDict(a)) {
          out.add(finding("zap_" + replace(get(a, "alert", TextNode.valueOf("unknown")), " ", "_"), "zap",
              str(get(a, "pluginId", TextNode.valueOf(""))), Py.sharedSeverity(get(a, "risk", TextNode.valueOf("info"))),
              str(get(a, "url", TextNode.valueOf("")))));
        }
      }
    }
    JsonNode vulns = get(item, "vulnerabilities", F.arrayNode());
    if (isList(vulns)) {
      for (JsonNode v : vulns) {
        if (isDict(v)) {
          out.add(finding("curl_" + replace(get(v, "type", TextNode.valueOf("unknown")), " ", "_"), "curl",
              str(get(v, "type", TextNode.valueOf(""))), Py.sharedSeverity(get(v, "severity", TextNode.valueOf("info"))),
              str(get(item, "url", TextNode.valueOf("")))));
        }
      }
    }
    return out;
  }
}
