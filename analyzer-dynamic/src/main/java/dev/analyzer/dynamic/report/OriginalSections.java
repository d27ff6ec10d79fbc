package dev.analyzer.dynamic.report;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sections the original's manager reads findings and tool figures from, filled from our
 * findings: {@code results.zap_security_scan} (one record per URL with findings, each finding once
 * as a ZAP-style alert in {@code all_alerts} and {@code alerts_by_risk}), the same findings as
 * standardised {@code issues[]} for one {@code tool_results} record, the tool statuses in the original's vocabulary, and the severity
 * breakdown folded the way the original folds it. Our engine plays ZAP's part, so those records say
 * {@code covered_by: dynamic-engine}; findings of real tools (wapiti, sqlmap, nmap, ZAP) are in them
 * too, each once, with every tool that reported it under {@code tools}. Stateless.
 */
public final class OriginalSections {

  private static final List<String> RISKS = List.of("High", "Medium", "Low", "Informational");

  private OriginalSections() {}

  /** The original's word for our tool status; ours goes to {@code status_detail} when it differs. */
  public static String status(ToolStatus s) {
    return switch (s) {
      case SUCCESS -> "success";
      case SKIPPED -> "skipped";
      case NO_FILES -> "no_files";
      case NOT_INSTALLED -> "not_available";
      case ERROR, TIMEOUT, CANCELLED -> "error";
    };
  }

  /** {@code record} with {@code status} in the original's vocabulary and ours under {@code status_detail}. */
  public static Map<String, Object> withOriginalStatus(Map<String, Object> record, ToolStatus ours) {
    Map<String, Object> m = new LinkedHashMap<>(record);
    m.put("status", status(ours));
    if (!status(ours).equals(ours.wire())) {
      m.put("status_detail", ours.wire());
    }
    return m;
  }

  /** The original's ZAP risk name for a severity. */
  public static String risk(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "High";
      case MEDIUM -> "Medium";
      case LOW -> "Low";
      case INFO -> "Informational";
    };
  }

  /** {@code {high, medium, low}} as the original folds severities (critical→high, info→low). */
  public static Map<String, Integer> foldedBreakdown(List<Finding> findings) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("high", 0);
    m.put("medium", 0);
    m.put("low", 0);
    for (Finding f : findings) {
      String k = switch (f.severity()) {
        case CRITICAL, HIGH -> "high";
        case MEDIUM -> "medium";
        case LOW, INFO -> "low";
      };
      m.merge(k, 1, Integer::sum);
    }
    return m;
  }

  /**
   * {@code results.zap_security_scan}: a record per URL that has findings (a finding without a URL
   * goes under {@code fallbackUrl}), in the order the findings came, each finding once as a ZAP-style
   * alert in {@code alerts_by_risk} and {@code all_alerts}. The records have no {@code vulnerabilities}
   * list: the original's manager reads that one too (id {@code zap_<type>_<url>}), so each finding
   * would count twice. See {@link #recordUrl}.
   */
  public static List<Object> zapSecurityScan(List<Finding> findings, String fallbackUrl) {
    Map<String, List<Finding>> byUrl = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    for (Finding f : findings) {
      byUrl.computeIfAbsent(recordUrl(f, urlOf(f, fallbackUrl), ids), k -> new ArrayList<>()).add(f);
    }
    List<Object> out = new ArrayList<>();
    byUrl.forEach((url, list) -> {
      Map<String, List<Object>> byRisk = new LinkedHashMap<>();
      RISKS.forEach(r -> byRisk.put(r, new ArrayList<>()));
      List<Object> alerts = new ArrayList<>();
      for (Finding f : list) {
        Map<String, Object> alert = alert(f, url);
        byRisk.get(risk(f.severity())).add(alert);
        alerts.add(alert);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", "success");
      m.put("url", url);
      m.put("scan_type", "baseline");
      m.put("covered_by", Rule.ENGINE);
      m.put("total_alerts", alerts.size());
      m.put("alerts_by_risk", byRisk);
      m.put("all_alerts", alerts);
      out.add(m);
    });
    return out;
  }

  /**
   * The findings as standardised {@code issues[]} ({@code rule_id}, {@code file} = the URL,
   * {@code line} 0, {@code severity}, {@code message}, ...) for one {@code tool_results} record, which
   * the original's manager reads when it runs with the web app's shared utilities; it keys a finding
   * {@code <tool>_<rule_id>_<file>_<line>} and drops repeats, so a second finding of one rule on one
   * URL gets {@code file} with its parameter ({@code ?param}) or a numbered fragment.
   */
  public static List<Object> issues(String tool, List<Finding> findings, String fallbackUrl) {
    Set<String> ids = new HashSet<>();
    List<Object> out = new ArrayList<>();
    for (Finding f : findings) {
      String url = urlOf(f, fallbackUrl);
      String file = unique(url, f, ids, c -> tool + "_" + f.ruleId() + "_" + c + "_0");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule_id", f.ruleId());
      m.put("file", file);
      m.put("line", 0);
      m.put("severity", f.severity().wire());
      m.put("confidence", f.confidence() == null ? null : f.confidence().wire());
      m.put("message", f.title());
      m.put("url", url);
      m.put("method", f.location() == null ? null : f.location().method());
      m.put("parameter", f.location() == null ? null : f.location().parameter());
      m.put("cwe", f.cwe());
      m.put("tools", f.tools());
      m.put("fingerprint", f.fingerprint());
      out.add(m);
    }
    return out;
  }

  private static String urlOf(Finding f, String fallbackUrl) {
    return f.location() != null && f.location().url() != null ? f.location().url() : fallbackUrl;
  }

  /**
   * The record a finding goes to. The original's manager keys a ZAP alert
   * {@code zap_<alert name, spaces as _>_<record url>} and drops repeats, so a second finding with
   * the same alert name on one URL (another parameter or method) goes to a record whose url names
   * the parameter ({@code ?param}), or a numbered fragment.
   */
  private static String recordUrl(Finding f, String url, Set<String> ids) {
    String name = alertName(f).replace(' ', '_');
    return unique(url, f, ids, c -> "zap_" + name + "_" + c);
  }

  /** {@code url}, else {@code url?param}, else {@code url#2}, {@code url#3}...: the first whose id is new. */
  private static String unique(String url, Finding f, Set<String> ids, java.util.function.UnaryOperator<String> id) {
    String candidate = url;
    String param = f.location() == null ? null : f.location().parameter();
    if (ids.contains(id.apply(candidate)) && param != null && !param.isBlank()) {
      candidate = url + (url.contains("?") ? "&" : "?") + param;
    }
    for (int n = 2; ids.contains(id.apply(candidate)); n++) {
      candidate = url + "#" + n;
    }
    ids.add(id.apply(candidate));
    return candidate;
  }

  private static String alertName(Finding f) {
    return f.title() == null || f.title().isBlank() ? f.ruleId() : f.title();
  }

  private static Map<String, Object> alert(Finding f, String url) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("alert", alertName(f));
    a.put("name", alertName(f));
    a.put("risk", risk(f.severity()));
    a.put("riskcode", Integer.toString(3 - RISKS.indexOf(risk(f.severity()))));
    a.put("confidence", f.confidence() == null ? "Medium" : capitalized(f.confidence().wire()));
    a.put("url", url);
    a.put("method", f.location() == null ? null : f.location().method());
    a.put("param", f.location() == null || f.location().parameter() == null ? "" : f.location().parameter());
    a.put("evidence", f.evidence() == null ? "" : f.evidence());
    a.put("description", f.message() != null ? f.message() : f.title());
    a.put("solution", f.remediation() == null ? "" : f.remediation());
    a.put("cweid", f.cwe() == null ? "-1" : f.cwe().substring("CWE-".length()));
    Object plugin = f.extra().get("zap_alert_id");
    a.put("pluginId", plugin == null ? "" : plugin.toString());
    a.put("rule_id", f.ruleId());
    a.put("tools", f.tools());
    return a;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase();
  }
}
