package dev.analyzer.core.testing;

import static dev.analyzer.core.testing.Py.get;
import static dev.analyzer.core.testing.Py.isDict;
import static dev.analyzer.core.testing.Py.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The part of the original's manager (/work/notes/original-reading.md) that is the same for every
 * service: picking the terminal frame (§1), and around the service's own extractor, its two modes up
 * to the findings it keeps (§2.0 and §3.4, dedup by id and the severity and per-tool counts of §3.1).
 * What a mode reads of one service, and the tools map, stay in that module's reader. Test code;
 * stateless, thread-safe.
 */
public final class OriginalManagerModes {

  /**
   * What one mode of the manager keeps of a service's findings.
   *
   * @param extracted every finding the extractor produced, before dedup
   * @param findings the kept findings, by id, first wins (findings without an id are all kept)
   * @param severity kept findings per severity: high, medium, low in fallback mode (others are not
   *     counted); critical, high, medium, low, info in shared mode
   * @param byTool kept findings per tool, by tool name
   * @param error the Python exception that made the manager drop the service's findings, or null
   */
  public record ModeReading(List<Map<String, Object>> extracted, List<Map<String, Object>> findings,
      Map<String, Integer> severity, Map<String, Integer> byTool, String error) {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OriginalManagerModes() {}

  /**
   * §1: the first terminal frame (type containing {@code analysis_result}, or ending with
   * {@code _analysis} with an {@code analysis} key) whose {@code analysis} is a dict; else the last
   * terminal-looking one; else the first frame; else null.
   */
  public static JsonNode terminal(List<JsonNode> frames) {
    JsonNode first = null;
    JsonNode terminal = null;
    for (JsonNode f : frames) {
      if (first == null) {
        first = f;
      }
      String type = str(f.has("type") ? f.get("type") : TextNode.valueOf("")).toLowerCase(Locale.ROOT);
      if (type.contains("analysis_result") || type.endsWith("_analysis") && f.has("analysis")) {
        terminal = f;
        if (f.path("analysis").isObject()) {
          break;
        }
      }
    }
    return terminal != null ? terminal : first;
  }

  /**
   * The manager's own reading (SHARED_UTILS_AVAILABLE false), §2.0
   * {@code _extract_findings_from_analyzer_result}: the frame's top-level {@code results} if any,
   * else the frame (not a dict: the service is skipped); its {@code analysis}, then that one's
   * {@code results}, each only when a dict, handed to {@code serviceExtractor} (the service's
   * {@code _extract_<service>_findings}). A {@link Py.PyError} from it loses every finding of the
   * service.
   */
  public static ModeReading fallback(JsonNode frame,
      Function<JsonNode, List<Map<String, Object>>> serviceExtractor) {
    List<Map<String, Object>> extracted = new ArrayList<>();
    String error = null;
    JsonNode service = frame.has("results") ? frame.get("results") : frame;
    if (isDict(service)) {
      try {
        JsonNode analysis = get(service, "analysis", F.objectNode());
        if (isDict(analysis)) {
          JsonNode results = get(analysis, "results", F.objectNode());
          if (isDict(results)) {
            extracted.addAll(serviceExtractor.apply(results));
          }
        }
      } catch (Py.PyError e) {
        error = e.getMessage();
        extracted.clear();
      }
    } else {
      error = "results is not a dict: the service is skipped";
    }
    List<Map<String, Object>> kept = dedup(extracted);
    Map<String, Integer> severity = new LinkedHashMap<>();
    for (String s : List.of("high", "medium", "low")) {
      severity.put(s, 0);
    }
    Map<String, Integer> byTool = new TreeMap<>();
    for (Map<String, Object> f : kept) {
      byTool.merge((String) f.get("tool"), 1, Integer::sum);
      severity.computeIfPresent((String) f.get("severity"), (k, v) -> v + 1);
    }
    return new ModeReading(extracted, kept, severity, byTool, error);
  }

  /**
   * The shared utilities' reading (SHARED_UTILS_AVAILABLE true): {@link SharedModeReader#extract};
   * a {@link Py.PyError} loses every finding of the service.
   */
  public static ModeReading shared(JsonNode frame) {
    List<Map<String, Object>> extracted = new ArrayList<>();
    String error = null;
    try {
      extracted.addAll(SharedModeReader.extract(frame));
    } catch (Py.PyError e) {
      error = e.getMessage();
      extracted.clear();
    }
    List<Map<String, Object>> kept = dedup(extracted);
    Map<String, Integer> severity = new LinkedHashMap<>();
    for (String s : List.of("critical", "high", "medium", "low", "info")) {
      severity.put(s, 0);
    }
    Map<String, Integer> byTool = new TreeMap<>();
    for (Map<String, Object> f : kept) {
      byTool.merge((String) f.get("tool"), 1, Integer::sum);
      severity.merge((String) f.get("severity"), 1, Integer::sum);
    }
    return new ModeReading(extracted, kept, severity, byTool, error);
  }

  /**
   * A finding as the manager's extractors build it: {@code id}, {@code tool}, {@code rule_id},
   * {@code severity} and {@code path}, in that order.
   */
  public static Map<String, Object> finding(String id, String tool, String rule, String severity, String path) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("tool", tool);
    f.put("rule_id", rule);
    f.put("severity", severity);
    f.put("path", path);
    return f;
  }

  private static List<Map<String, Object>> dedup(List<Map<String, Object>> extracted) {
    Set<String> seen = new HashSet<>();
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> f : extracted) {
      String id = (String) f.get("id");
      if (id != null && !id.isEmpty() && !seen.add(id)) {
        continue;
      }
      kept.add(f);
    }
    return kept;
  }
}
