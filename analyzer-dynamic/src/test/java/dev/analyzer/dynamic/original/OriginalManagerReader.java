package dev.analyzer.dynamic.original;

import dev.analyzer.core.testing.OriginalManagerModes;
import dev.analyzer.core.testing.Py;
import dev.analyzer.core.testing.ToolOutcome;
import static dev.analyzer.core.testing.OriginalManagerModes.finding;
import static dev.analyzer.core.testing.Py.get;
import static dev.analyzer.core.testing.Py.isDict;
import static dev.analyzer.core.testing.Py.isList;
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
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a dynamic reply the way the original's manager (the version closest to its HEAD,
 * /work/notes/original-reading.md) reads it, line by line, in its two modes:
 * <ul>
 *   <li>{@link #fallback} (§2.0, §2.1, §2.3, §3.1, §3.3 pass 1: the manager's own code): the frame's
 *       top-level {@code results} if any, else the frame; {@code analysis.results}:
 *       {@code zap_security_scan[]} (status success: {@code scan_results}, else the record itself
 *       when its {@code alerts_by_risk} is truthy, one finding per alert,
 *       {@code zap_<alert name, spaces as _>_<target url>}, severity = the risk key; plus one per
 *       legacy {@code vulnerabilities[]} entry, {@code zap_<type>_<url>}; status error: one
 *       {@code zap_execution_failed_<url>}), {@code vulnerability_scan[]} (type {@code exposed_paths},
 *       one per path, {@code curl_exposed_path_<path without />_<url>}; error: one), {@code port_scan}
 *       (open 21/23: {@code nmap_insecure_port_<port>_<host>}; error: one); any exception loses every
 *       finding of the service ({@link Reading#error}); dedup by id, first wins; severities in
 *       {high, medium, low} counted, others not.</li>
 *   <li>{@link #shared} (§3.4, {@code aggregate_findings_from_services}): every
 *       {@code analysis.tool_results.<t>.issues[]} and {@code analysis.results.<cat>.<t>.issues[]},
 *       id {@code <tool>_<rule_id|test_id>_<file|filename>_<line|line_number>}; list-valued
 *       {@code results.<cat>} items' {@code alerts[]} ({@code zap_<alert>}) and
 *       {@code vulnerabilities[]} ({@code curl_<type>}); dedup by id; five severities.</li>
 * </ul>
 * What every service shares (the terminal frame, the frame-to-{@code analysis.results} steps, the
 * shared utilities' extractor, dedup and counts, the failed/skipped rule) is in analyzer-core's
 * test-jar ({@link OriginalManagerModes}, {@link ToolOutcome}); this class reads what is the
 * dynamic service's own: its extractor and its tools map. Test code; stateless.
 */
public final class OriginalManagerReader {

  /**
   * What the manager would save for this service.
   *
   * @param extracted every finding the extractor produced, before dedup
   * @param findings the kept findings, by id, after dedup (findings without id are kept too)
   * @param error the exception that made the manager drop the service's findings, or null
   */
  public record Reading(List<Map<String, Object>> extracted, List<Map<String, Object>> findings,
      Map<String, Integer> severity, Map<String, Integer> byTool, Map<String, Map<String, Object>> tools,
      List<String> toolsFailed, List<String> toolsSkipped, String serviceStatus, String error) {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private OriginalManagerReader() {}

  /** The manager's own reading (SHARED_UTILS_AVAILABLE false). */
  public static Reading fallback(JsonNode frame) {
    return withTools(frame, OriginalManagerModes.fallback(frame, OriginalManagerReader::dynamicFindings));
  }

  /** The shared utilities' reading (SHARED_UTILS_AVAILABLE true). */
  public static Reading shared(JsonNode frame) {
    return withTools(frame, OriginalManagerModes.shared(frame));
  }

  /** §2.3 {@code _extract_dynamic_findings}, as the manager's code reads. */
  private static List<Map<String, Object>> dynamicFindings(JsonNode results) {
    List<Map<String, Object>> out = new ArrayList<>();
    JsonNode zap = get(results, "zap_security_scan", F.arrayNode());
    if (isList(zap)) {
      for (JsonNode scan : zap) {
        if (!isDict(scan)) {
          continue;
        }
        String status = str(get(scan, "status", null));
        String url = str(get(scan, "url", TextNode.valueOf("unknown_url")));
        if (status.equals("success") && get(scan, "status").isTextual()) {
          JsonNode inner = get(scan, "scan_results", F.objectNode());
          if (!truthy(inner)) {
            JsonNode byRisk = get(scan, "alerts_by_risk", F.objectNode());
            if (truthy(byRisk)) {
              inner = F.objectNode().set(url, scan);
            }
          }
          if (!isDict(inner) && truthy(inner)) {
            throw new Py.PyError("'" + Py.type(inner) + "' object has no attribute 'items'");
          }
          if (isDict(inner)) {
            for (Map.Entry<String, JsonNode> e : iterable(inner)) {
              if (!isDict(e.getValue())) {
                continue;
              }
              JsonNode byRisk = get(e.getValue(), "alerts_by_risk", F.objectNode());
              if (isDict(byRisk)) {
                for (Map.Entry<String, JsonNode> r : iterable(byRisk)) {
                  for (JsonNode alert : iter(r.getValue())) {
                    out.add(finding("zap_" + replace(get(alert, "alert", TextNode.valueOf("unknown")), " ", "_")
                        + "_" + e.getKey(), "zap", str(get(alert, "alert", null)), Py.fallbackSeverity(r.getKey()),
                        e.getKey()));
                  }
                }
              }
            }
          }
          JsonNode vulns = get(scan, "vulnerabilities", F.arrayNode());
          if (isList(vulns)) {
            for (JsonNode v : vulns) {
              if (isDict(v)) {
                out.add(finding("zap_" + replace(get(v, "type", TextNode.valueOf("unknown")), " ", "_") + "_" + url,
                    "zap", str(get(v, "type", null)), Py.fallbackSeverity(str(get(v, "severity",
                        TextNode.valueOf("medium")))), url));
              }
            }
          }
        } else if (status.equals("error")) {
          out.add(finding("zap_execution_failed_" + url, "zap", "execution-failed", "high", url));
        }
      }
    }
    JsonNode vulnScan = get(results, "vulnerability_scan", F.arrayNode());
    if (isList(vulnScan)) {
      for (JsonNode scan : vulnScan) {
        if (!isDict(scan)) {
          continue;
        }
        String status = str(get(scan, "status", null));
        String url = str(get(scan, "url", TextNode.valueOf("unknown_url")));
        if (status.equals("success")) {
          JsonNode vulns = get(scan, "vulnerabilities", F.arrayNode());
          if (isList(vulns)) {
            for (JsonNode v : vulns) {
              if (isDict(v) && "exposed_paths".equals(get(v, "type").asText(null))) {
                for (JsonNode p : iter(get(v, "paths", F.arrayNode()))) {
                  out.add(finding("curl_exposed_path_" + replace(get(p, "path", TextNode.valueOf("")), "/", "") + "_"
                      + url, "curl", "exposed-path", Py.fallbackSeverity(str(get(v, "severity",
                          TextNode.valueOf("low")))), str(get(p, "url", null))));
                }
              }
            }
          }
        } else if (status.equals("error")) {
          out.add(finding("curl_execution_failed_" + url, "curl", "execution-failed", "high", url));
        }
      }
    }
    JsonNode ports = get(results, "port_scan", F.objectNode());
    if (isDict(ports)) {
      String status = str(get(ports, "status", null));
      String host = str(get(ports, "host", TextNode.valueOf("unknown_host")));
      if (status.equals("success")) {
        JsonNode open = get(ports, "open_ports", F.arrayNode());
        if (isList(open)) {
          for (JsonNode p : open) {
            if (p.isNumber() && (p.asDouble() == 21 || p.asDouble() == 23)) {
              out.add(finding("nmap_insecure_port_" + str(p) + "_" + host, "nmap", "insecure-port-open", "medium",
                  host + ":" + str(p)));
            }
          }
        }
      } else if (status.equals("error")) {
        out.add(finding("nmap_execution_failed_" + host, "nmap", "execution-failed", "high", host));
      }
    }
    return out;
  }

  /** §3.3 pass 1 ({@code analysis.tool_results}, first writer wins) and the failed/skipped lists of §3.2. */
  private static Reading withTools(JsonNode frame, OriginalManagerModes.ModeReading mode) {
    Map<String, Map<String, Object>> tools = new TreeMap<>();
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    frame.path("analysis").path("tool_results").fields().forEachRemaining(e -> {
      JsonNode t = e.getValue();
      if (!t.isObject() || tools.containsKey(e.getKey())) {
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
      switch (ToolOutcome.of((String) m.get("status"))) {
        case SKIPPED -> skipped.add(name);
        case FAILED -> failed.add(name);
        case OK -> { }
      }
    });
    return new Reading(mode.extracted(), mode.findings(), mode.severity(), mode.byTool(), tools, failed, skipped,
        frame.path("status").asText(), mode.error());
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode dict) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    dict.fields().forEachRemaining(out::add);
    return out;
  }
}
