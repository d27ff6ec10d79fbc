package dev.analyzer.manager.report;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.manager.report.sections.ServiceSections;
import dev.analyzer.manager.run.RunStatus;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.text.Durations;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The self-contained HTML report: no CDN, inline CSS, an inline SVG chart, a severity summary, a
 * findings table with filters by severity, tool and file, and a section per service. Every value
 * that came from an analysis (titles, paths, evidence: dynamic findings carry attack payloads) is
 * HTML-escaped. Stateless.
 */
public final class HtmlReport {

  private static final Map<Severity, String> COLORS = Map.of(Severity.CRITICAL, "#7b1fa2", Severity.HIGH, "#c62828",
      Severity.MEDIUM, "#ef6c00", Severity.LOW, "#1565c0", Severity.INFO, "#607d8b");

  private HtmlReport() {}

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String esc(Object o) {
    if (o == null) {
      return "";
    }
    String s = o.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '&':
          b.append("&amp;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&#39;");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }

  public static String render(Consolidated c) {
    var r = c.report();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">")
        .append("<title>Analysis report: ").append(esc(r.options().model())).append(" app ").append(r.options().app())
        .append("</title><style>")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{margin:0 0 4px}")
        .append(".meta{color:#666}.cards{display:flex;gap:12px;margin:16px 0}.card{padding:10px 16px;border-radius:6px;color:#fff;min-width:90px}")
        .append(".card b{font-size:22px;display:block}table{border-collapse:collapse;width:100%;margin:8px 0 24px}")
        .append("th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}th{background:#f5f5f5}")
        .append("code{background:#f6f6f6;padding:1px 4px;white-space:pre-wrap;word-break:break-all}.sev{font-weight:bold}")
        .append(".filters{display:flex;gap:8px;margin:8px 0}section{margin-top:28px}")
        .append(".banner{padding:12px 16px;border-radius:6px;margin:0 0 16px;color:#fff}.banner-red{background:#c62828}")
        .append(".banner-yellow{background:#f9a825;color:#222}.banner ul{margin:6px 0 0}")
        .append("pre{background:#f6f6f6;padding:6px;white-space:pre-wrap;word-break:break-all;max-height:240px;overflow:auto}")
        .append(".verdict-met .verdict{color:#2e7d32}.verdict-partial .verdict{color:#ef6c00}")
        .append(".verdict-not_found .verdict{color:#c62828}.tools{color:#555}")
        .append("</style></head><body>\n");
    banner(h, c);
    h.append("<h1>Analysis report</h1><div class=\"meta\">model <b>").append(esc(r.options().model()))
        .append("</b> · app <b>").append(r.options().app()).append("</b> · task ").append(esc(r.taskId()))
        .append(" · ").append(esc(Durations.timestamp(r.finished()))).append(" · status <b id=\"status\">").append(esc(c.summary().get("status")))
        .append("</b></div>\n");
    @SuppressWarnings("unchecked")
    Map<String, Integer> sev = (Map<String, Integer>) c.summary().get("severity_breakdown");
    h.append("<div class=\"cards\" id=\"severity-summary\">");
    for (Severity s : Severity.values()) {
      h.append("<div class=\"card\" style=\"background:").append(COLORS.get(s)).append("\"><b>")
          .append(sev.getOrDefault(s.wire(), 0)).append("</b>").append(s.wire()).append("</div>");
    }
    h.append("</div>\n").append(chart(sev)).append('\n');
    h.append("<section id=\"findings\"><h2>Findings (").append(c.findings().size()).append(")</h2>");
    h.append("<div class=\"filters\"><select id=\"f-sev\"><option value=\"\">all severities</option>");
    for (Severity s : Severity.values()) {
      h.append("<option>").append(s.wire()).append("</option>");
    }
    h.append("</select><select id=\"f-tool\"><option value=\"\">all tools</option>");
    TreeSet<String> tools = new TreeSet<>();
    c.findings().forEach(f -> tools.addAll(f.tools()));
    for (String t : tools) {
      h.append("<option>").append(esc(t)).append("</option>");
    }
    h.append("</select><input id=\"f-file\" placeholder=\"file or URL contains\"></div>");
    h.append("<table id=\"findings-table\"><thead><tr><th>severity</th><th>tools</th><th>rule</th><th>title</th>")
        .append("<th>location</th><th>evidence</th><th>remediation</th></tr></thead><tbody>\n");
    for (Finding f : c.findings()) {
      String where = where(f.location());
      h.append("<tr class=\"finding\" data-severity=\"").append(f.severity().wire()).append("\" data-tools=\"")
          .append(esc(String.join(" ", f.tools()))).append("\" data-file=\"").append(esc(where)).append("\">")
          .append("<td class=\"sev\" style=\"color:").append(COLORS.get(f.severity())).append("\">").append(f.severity().wire())
          .append("</td><td>").append(esc(String.join(", ", f.tools()))).append("</td><td>").append(esc(f.ruleId()))
          .append(f.cwe() == null ? "" : "<br><small>" + esc(f.cwe()) + "</small>").append("</td><td>").append(esc(f.title()))
          .append("</td><td>").append(esc(where)).append("</td><td><code>").append(esc(f.evidence())).append("</code></td><td>")
          .append(esc(f.remediation())).append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n");
    for (ServiceOutcome o : r.outcomes()) {
      h.append("<section class=\"service\" id=\"service-").append(esc(o.spec().name())).append("\"><h2>")
          .append(esc(o.spec().name())).append(" analysis: ").append(esc(o.state())).append("</h2><p>").append(esc(o.detail()))
          .append(" (").append(esc(Durations.format(o.duration()))).append(")</p>");
      AnalysisResult res = o.result();
      ServiceSections.render(h, o, r.options().source());
      if (res != null && res.analysis() != null) {
        h.append("<table><thead><tr><th>tool</th><th>status</th><th>issues</th><th>seconds</th><th>note</th></tr></thead><tbody>");
        toolRows(h, res.analysis().results(), "");
        h.append("</tbody></table>");
      }
      h.append("</section>\n");
    }
    h.append("<script>(function(){var s=document.getElementById('f-sev'),t=document.getElementById('f-tool'),")
        .append("f=document.getElementById('f-file');function apply(){var rows=document.querySelectorAll('tr.finding');")
        .append("for(var i=0;i<rows.length;i++){var r=rows[i];var ok=(!s.value||r.dataset.severity===s.value)&&")
        .append("(!t.value||(' '+r.dataset.tools+' ').indexOf(' '+t.value+' ')>=0)&&(!f.value||r.dataset.file.indexOf(f.value)>=0);")
        .append("r.style.display=ok?'':'none';}}s.onchange=apply;t.onchange=apply;f.oninput=apply;})();</script>\n");
    h.append("</body></html>\n");
    return h.toString();
  }

  /** A red banner at the very top when a requested analysis is missing or failed; yellow when tools failed. */
  private static void banner(StringBuilder h, Consolidated c) {
    RunStatus s = c.status();
    if (s.lacksAnalyses()) {
      h.append("<div id=\"status-banner\" class=\"banner banner-red\" role=\"alert\"><b>")
          .append(esc(s.status().equals("failed") ? "Analysis failed" : "Analysis incomplete"))
          .append("</b>: these results are not a clean bill of health; ").append(s.problems().size())
          .append(s.problems().size() == 1 ? " requested analysis" : " requested analyses").append(" did not complete.<ul>");
      for (RunStatus.Problem p : s.problems()) {
        h.append("<li><b>").append(esc(p.service())).append("</b>: ").append(esc(p.state())).append(": ")
            .append(esc(p.reason())).append("</li>");
      }
      h.append("</ul>");
      if (Boolean.TRUE.equals(c.summary().get("missing_allowed"))) {
        h.append("<small>--allow-missing was given: the exit code ignores the missing services.</small>");
      }
      h.append("</div>\n");
    } else if (s.status().equals("partial")) {
      h.append("<div id=\"status-banner\" class=\"banner banner-yellow\" role=\"status\"><b>Partial</b>: ")
          .append("every service answered, but some of their tools failed: ")
          .append(esc(String.valueOf(c.summary().get("tools_failed")))).append("</div>\n");
    }
  }

  @SuppressWarnings("unchecked")
  private static void toolRows(StringBuilder h, Map<String, Object> results, String group) {
    for (Map.Entry<String, Object> e : results.entrySet()) {
      if (!(e.getValue() instanceof Map)) {
        continue;
      }
      Map<String, Object> m = (Map<String, Object>) e.getValue();
      if (m.containsKey("status") && m.containsKey("executed")) {
        h.append("<tr><td>").append(esc(group.isEmpty() ? e.getKey() : group + " / " + e.getKey())).append("</td><td>")
            .append(esc(m.get("status"))).append("</td><td>").append(esc(m.get("total_issues"))).append("</td><td>")
            .append(esc(m.get("duration_seconds"))).append("</td><td>").append(esc(m.get("error"))).append("</td></tr>");
      } else {
        toolRows(h, m, e.getKey());
      }
    }
  }

  private static String chart(Map<String, Integer> sev) {
    int max = Math.max(1, sev.values().stream().mapToInt(Integer::intValue).max().orElse(1));
    StringBuilder s = new StringBuilder("<svg id=\"severity-chart\" width=\"420\" height=\"140\" role=\"img\" aria-label=\"findings by severity\">");
    int x = 10;
    for (Severity v : Severity.values()) {
      int n = sev.getOrDefault(v.wire(), 0);
      int hgt = (int) Math.round(100.0 * n / max);
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"60\" height=\"%d\" fill=\"%s\"/>", x, 110 - hgt, hgt,
          COLORS.get(v)));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"128\" font-size=\"11\">%s</text>", x, v.wire()));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d</text>", x + 22, 106 - hgt, n));
      x += 80;
    }
    return s.append("</svg>").toString();
  }

  private static String where(Location l) {
    if (l == null) {
      return "";
    }
    if (l.isFile()) {
      return l.file() + (l.line() == null ? "" : ":" + l.line());
    }
    return l.subject();
  }
}
