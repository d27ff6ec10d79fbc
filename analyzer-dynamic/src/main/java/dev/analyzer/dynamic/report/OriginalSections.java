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
 * as a {@code vulnerabilities[]} entry and as a ZAP-style alert in {@code all_alerts} and
 * {@code alerts_by_risk}), the tool statuses in the original's vocabulary, and the severity
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
   * goes under {@code fallbackUrl}), in the order the findings came; see {@link #recordUrl}.
   */
  public static List<Object> zapSecurityScan(List<Finding> findings, String fallbackUrl) {
    Map<String, List<Finding>> byUrl = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    for (Finding f : findings) {
      String url = f.location() != null && f.location().url() != null ? f.location().url() : fallbackUrl;
      byUrl.computeIfAbsent(recordUrl(f, url, ids), k -> new ArrayList<>()).add(f);
    }
    List<Object> out = new ArrayList<>();
    byUrl.forEach((url, list) -> {
      Map<String, List<Object>> byRisk = new LinkedHashMap<>();
      RISKS.forEach(r -> byRisk.put(r, new ArrayList<>()));
      List<Object> alerts = new ArrayList<>();
      List<Object> vulns = new ArrayList<>();
      for (Finding f : list) {
        Map<String, Object> alert = alert(f, url);
        byRisk.get(risk(f.severity())).add(alert);
        alerts.add(alert);
        vulns.add(vulnerability(f, url));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", "success");
      m.put("url", url);
      m.put("scan_type", "baseline");
      m.put("covered_by", Rule.ENGINE);
      m.put("total_alerts", alerts.size());
      m.put("alerts_by_risk", byRisk);
      m.put("all_alerts", alerts);
      m.put("vulnerabilities", vulns);
      out.add(m);
    });
    return out;
  }

  /**
   * The record a finding goes to. The original's manager keys a finding by its type and its
   * record's url and drops repeats, so a second finding of one rule on one URL (another parameter or
   * method) goes to a record whose url names the parameter ({@code ?param}), or a numbered fragment.
   */
  private static String recordUrl(Finding f, String url, Set<String> ids) {
    String candidate = url;
    String param = f.location() == null ? null : f.location().parameter();
    if (ids.contains(f.ruleId() + " " + candidate) && param != null && !param.isBlank()) {
      candidate = url + (url.contains("?") ? "&" : "?") + param;
    }
    for (int n = 2; ids.contains(f.ruleId() + " " + candidate); n++) {
      candidate = url + "#" + n;
    }
    ids.add(f.ruleId() + " " + candidate);
    return candidate;
  }

  private static Map<String, Object> vulnerability(Finding f, String url) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("type", f.ruleId());
    v.put("name", f.title());
    v.put("severity", f.severity().wire());
    v.put("risk", risk(f.severity()));
    v.put("description", f.message() != null ? f.message() : f.title());
    v.put("recommendation", f.remediation());
    v.put("url", url);
    if (f.location() != null && f.location().parameter() != null) {
      v.put("parameter", f.location().parameter());
    }
    v.put("cwe", f.cwe());
    v.put("tools", f.tools());
    v.put("fingerprint", f.fingerprint());
    return v;
  }

  private static Map<String, Object> alert(Finding f, String url) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("alert", f.title());
    a.put("name", f.title());
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
