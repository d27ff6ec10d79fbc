package dev.analyzer.dynamic.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisBuilder;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.core.sarif.SarifWriter;
import dev.analyzer.core.sarif.SarifWriterBuilder;
import dev.analyzer.dynamic.ports.PortScanner;
import dev.analyzer.dynamic.scan.ScanReport;
import dev.analyzer.dynamic.tools.ToolRun;
import dev.analyzer.http.client.Reachability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the dynamic reply in the original's shape ({@code results.connectivity},
 * {@code vulnerability_scan}, {@code zap_security_scan}, {@code port_scan},
 * {@code curl-endpoint-tester}, {@code tool_runs}, {@code tool_results} with the original's tool names
 * and statuses, {@code summary}; see {@link OriginalSections}) plus the common {@code findings[]}, a SARIF 2.1.0 document with URL locations
 * under {@code sarif_export}, the crawl, the scan statistics and what was skipped. Stateless.
 */
public final class DynamicResultAssembler {

  static final List<String> SECURITY_HEADERS = List.of("x-frame-options", "x-content-type-options",
      "strict-transport-security", "content-security-policy", "referrer-policy");

  private DynamicResultAssembler() {}

  /** The analysis body; {@code status} is the inner status (success, partial, targets_unreachable, error). */
  public static Analysis build(AnalysisRequest req, Instant now, String status, String error, ScanReport scan,
      List<Finding> findings, List<ToolRun> tools, String engineVersion, List<String> notes) {
    AnalysisBuilder b = Analysis.builder().forRequest(req).withAnalysisTime(now).withStatus(status).withError(error);
    b.withResult("connectivity", connectivity(scan));
    b.withResult("vulnerability_scan", vulnerabilityScan(scan, findings));
    String fallbackUrl = scan.targets().isEmpty() ? "unknown_url" : scan.targets().get(0).target().toString();
    List<PortScanner.Result> ports = scan.ports();
    List<Finding> byPortScan = countedByPortScan(findings, ports);
    List<Finding> zapFindings = findings.stream().filter(f -> !byPortScan.contains(f)).toList();
    b.withResult("zap_security_scan", OriginalSections.zapSecurityScan(zapFindings, fallbackUrl));
    b.withResult("port_scan", ports.isEmpty() ? Map.of("status", "skipped", "open_ports", List.of(), "total_open", 0)
        : ports.get(0).toMap());
    if (ports.size() > 1) {
      b.withResult("port_scans", ports.stream().map(PortScanner.Result::toMap).toList());
    }
    if (!scan.endpointTests().isEmpty()) {
      b.withResult("curl-endpoint-tester", scan.endpointTests().values().iterator().next());
      if (scan.endpointTests().size() > 1) {
        b.withResult("endpoint_tests_by_target", scan.endpointTests());
      }
    }
    Map<String, Object> runs = new LinkedHashMap<>();
    List<Finding> engine = findings.stream().filter(f -> f.tools().contains(Rule.ENGINE)).toList();
    ToolResult engineResult = new ToolResult(Rule.ENGINE, ToolStatus.SUCCESS, true, engine.size(),
        ToolResult.breakdown(engine), List.of(), scan.duration().toMillis() / 1000.0, null, scan.stats());
    b.withToolResult(null, engineResult);
    runs.put(Rule.ENGINE, engineResult.toMap());
    Map<String, Object> toolResults = new LinkedHashMap<>();
    toolResults.put(Rule.ENGINE, brief(Rule.ENGINE, "success", true, engine.size(), null));
    for (ToolRun t : tools) {
      List<Finding> mine = findings.stream().filter(f -> f.tools().contains(t.tool())).toList();
      Map<String, Object> extra = new LinkedHashMap<>(t.extra());
      extra.put("commands", t.commands());
      ToolResult r = new ToolResult(t.tool(), t.status(), t.status() != ToolStatus.NOT_INSTALLED
          && t.status() != ToolStatus.SKIPPED, mine.size(), ToolResult.breakdown(mine), List.of(), t.seconds(),
          t.error(), extra);
      b.withToolResult(null, r);
      Map<String, Object> record = OriginalSections.withOriginalStatus(r.toMap(), t.status());
      b.withResult(t.tool(), record);
      runs.put(t.tool(), record);
      Map<String, Object> brief = brief(t.tool(), OriginalSections.status(t.status()), r.executed(), mine.size(),
          t.error() == null ? "" : t.error());
      if (record.containsKey("status_detail")) {
        brief.put("status_detail", record.get("status_detail"));
      }
      toolResults.put(t.tool(), brief);
    }
    coveredTools(toolResults, scan, zapFindings, byPortScan, fallbackUrl);
    b.withResult("tool_runs", runs);
    long reachable = scan.connectivity().stream().filter(Reachability.Result::answered).count();
    b.withSummary("total_urls_tested", scan.targets().size())
        .withSummary("reachable_urls", reachable)
        .withSummary("vulnerabilities_found", findings.size())
        .withSummary("total_findings", findings.size())
        .withSummary("severity_breakdown", OriginalSections.foldedBreakdown(findings))
        .withSummary("severity_breakdown_detail", ToolResult.breakdown(findings))
        .withSummary("findings_by_tool", byTool(findings))
        .withSummary("requests_sent", scan.stats().getOrDefault("requests_sent", 0))
        .withSummary("budget_exhausted", scan.stats().getOrDefault("budget_exhausted", false))
        .withSummary("duration_seconds", scan.duration().toMillis() / 1000.0)
        .withSummary("skipped", scan.skipped())
        .withSummary("analysis_status", switch (status) {
          case "success" -> "completed";
          case "partial" -> reachable < scan.targets().size() ? "partial_connectivity" : "partial";
          case "targets_unreachable" -> "targets_unreachable";
          default -> "failed";
        });
    b.withFindings(findings);
    b.withExtra("target_urls", scan.targets().stream().map(t -> t.target().toString()).toList());
    b.withExtra("tool_results", toolResults);
    b.withExtra("crawl", scan.siteMaps());
    b.withExtra("scan_stats", scan.stats());
    b.withExtra("skipped", scan.skipped());
    if (!scan.auth().isEmpty()) {
      b.withExtra("auth", scan.auth());
    }
    if (!notes.isEmpty()) {
      b.withExtra("config_notes", notes);
    }
    b.withExtra("sarif_export", sarif(findings, tools, engineVersion));
    return b.build();
  }

  /**
   * The original's own tool names that our engine covers, each said so with {@code covered_by}:
   * {@code zap} (its records carry every finding), {@code curl} (connectivity), {@code nmap} (the
   * built-in port scan) and {@code curl-endpoint-tester}; a real tool run of that name is kept as is.
   */
  private static void coveredTools(Map<String, Object> toolResults, ScanReport scan, List<Finding> zapFindings,
      List<Finding> byPortScan, String fallbackUrl) {
    Map<String, Object> zap = brief("zap", "success", true, zapFindings.size(), null);
    zap.put("covered_by", Rule.ENGINE);
    toolResults.putIfAbsent("zap", zap);
    withIssues(toolResults, "zap", OriginalSections.issues("zap", zapFindings, fallbackUrl));
    boolean checked = !scan.connectivity().isEmpty();
    Map<String, Object> curl = brief("curl", checked ? "success" : "skipped", checked, 0, null);
    curl.put("covered_by", Rule.ENGINE);
    toolResults.putIfAbsent("curl", curl);
    boolean scanned = scan.ports().stream().anyMatch(p -> !p.skipped());
    Map<String, Object> nmap = brief("nmap", scanned ? "success" : "skipped", scanned, byPortScan.size(), null);
    nmap.put("covered_by", Rule.ENGINE);
    toolResults.putIfAbsent("nmap", nmap);
    withIssues(toolResults, "nmap", OriginalSections.issues("nmap", byPortScan, fallbackUrl));
    if (!scan.endpointTests().isEmpty()) {
      Map<String, Object> tests = scan.endpointTests().values().iterator().next();
      int failed = 0;
      for (Map<String, Object> t : scan.endpointTests().values()) {
        Object n = t.get("total_issues");
        failed += n instanceof Number x ? x.intValue() : 0;
      }
      Map<String, Object> cet = brief("curl-endpoint-tester", String.valueOf(tests.getOrDefault("status", "success")),
          true, failed, null);
      cet.put("covered_by", Rule.ENGINE);
      toolResults.putIfAbsent("curl-endpoint-tester", cet);
    }
  }

  /**
   * {@code issues} on {@code tool}'s record (a real tool's record of that name gets them too): the
   * only place the original's manager with its shared utilities reads our findings from.
   */
  @SuppressWarnings("unchecked")
  private static void withIssues(Map<String, Object> toolResults, String tool, List<Object> issues) {
    Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) toolResults.get(tool));
    record.put("issues", issues);
    toolResults.put(tool, record);
  }

  /**
   * The findings the original's manager reads from {@code results.port_scan} (the first host's
   * open ports 21 and 23, id {@code nmap_insecure_port_<port>_<host>}) and which therefore stay out of
   * {@code zap_security_scan}: our {@code dyn.cleartext-port} findings of that host.
   */
  static List<Finding> countedByPortScan(List<Finding> findings, List<PortScanner.Result> ports) {
    if (ports.isEmpty() || ports.get(0).skipped()) {
      return List.of();
    }
    PortScanner.Result first = ports.get(0);
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (!f.ruleId().equals(Rules.CLEARTEXT_PORT.id()) || f.location() == null || f.location().url() == null) {
        continue;
      }
      java.net.URI u = java.net.URI.create(f.location().url());
      String host = u.getHost() == null ? "" : u.getHost().replace("[", "").replace("]", "");
      if (first.host().replace("[", "").replace("]", "").equalsIgnoreCase(host) && first.open().contains(u.getPort())) {
        out.add(f);
      }
    }
    return out;
  }

  private static Map<String, Object> brief(String tool, String status, boolean executed, int issues, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", tool);
    m.put("status", status);
    m.put("executed", executed);
    m.put("total_issues", issues);
    m.put("error", error);
    return m;
  }

  private static List<Object> connectivity(ScanReport scan) {
    List<Object> out = new ArrayList<>();
    for (Reachability.Result r : scan.connectivity()) {
      Map<String, List<String>> headers = scan.rootHeaders().getOrDefault(r.target().toString(), Map.of());
      Map<String, Object> sec = new LinkedHashMap<>();
      int score = 0;
      for (String h : SECURITY_HEADERS) {
        boolean present = headers.containsKey(h);
        sec.put(h, present);
        score += present ? 1 : 0;
      }
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("url", r.target().toString());
      a.put("reachable", r.answered());
      a.put("status", r.status().wire());
      a.put("status_code", r.statusCode());
      a.put("status_line", r.detail());
      a.put("security_headers", sec);
      a.put("security_score", score);
      a.put("total_security_headers", SECURITY_HEADERS.size());
      out.add(Map.of("status", r.answered() ? "success" : "error", "analysis", a));
    }
    return out;
  }

  private static List<Object> vulnerabilityScan(ScanReport scan, List<Finding> findings) {
    List<Object> out = new ArrayList<>();
    for (Reachability.Result r : scan.connectivity()) {
      if (!r.answered()) {
        continue;
      }
      String origin = r.target().origin();
      List<Map<String, Object>> vulns = new ArrayList<>();
      for (Finding f : findings) {
        if (f.location() == null || f.location().url() == null || !f.location().url().startsWith(origin)) {
          continue;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", f.ruleId());
        v.put("severity", f.severity().wire());
        v.put("description", f.title());
        v.put("url", f.location().url());
        if (f.location().parameter() != null) {
          v.put("parameter", f.location().parameter());
        }
        v.put("tools", f.tools());
        vulns.add(v);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", "success");
      m.put("url", r.target().toString());
      m.put("total_vulnerabilities", vulns.size());
      // not "vulnerabilities": the original's manager with its shared utilities counts every entry
      // there once more (curl_<type>); the findings are counted from zap_security_scan and issues[]
      m.put("findings", vulns);
      out.add(m);
    }
    return out;
  }

  private static Map<String, Integer> byTool(List<Finding> findings) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (Finding f : findings) {
      for (String t : f.tools()) {
        m.merge(t, 1, Integer::sum);
      }
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sarif(List<Finding> findings, List<ToolRun> tools, String version) {
    SarifWriterBuilder sb = SarifWriter.builder().withCategory("dynamic").withTool(Rule.ENGINE, version, null);
    for (ToolRun t : tools) {
      sb.withTool(t.tool(), null, null);
    }
    return new ObjectMapper().convertValue(sb.build().toTree(findings), Map.class);
  }
}
