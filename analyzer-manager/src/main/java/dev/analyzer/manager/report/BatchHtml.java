package dev.analyzer.manager.report;

import static dev.analyzer.manager.report.HtmlReport.esc;

import java.util.List;
import java.util.Map;

/**
 * The batch summary as a self-contained HTML page: a row per app (status, state per service, findings
 * by severity, a link to its report) and every failure's reason. Stateless.
 */
public final class BatchHtml {

  /**
   * One app of the batch, as the page shows it.
   *
   * @param states per service, its state ("-" when not requested)
   * @param severity findings per severity
   * @param failures "service: state: why" lines
   * @param report the app's report.html relative to the page, or null
   */
  public record App(int position, String name, String status, Map<String, String> states, Map<String, Integer> severity,
      int findings, List<String> failures, String report) {}

  private BatchHtml() {}

  public static String render(String batchId, String finished, List<String> services, List<App> apps) {
    StringBuilder h = new StringBuilder(16 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<title>Batch ").append(esc(batchId)).append("</title><style>body{font:14px/1.4 system-ui,sans-serif;")
        .append("margin:24px}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:6px 8px;")
        .append("text-align:left}th{background:#f5f5f5}.bad{color:#c62828;font-weight:bold}</style></head><body>")
        .append("<h1>Batch ").append(esc(batchId)).append("</h1><p>").append(apps.size()).append(" apps · finished ")
        .append(esc(finished)).append("</p><table id=\"batch-summary\"><thead><tr><th>#</th><th>app</th><th>status</th>");
    services.forEach(s -> h.append("<th>").append(esc(s)).append("</th>"));
    h.append("<th>critical</th><th>high</th><th>medium</th><th>low</th><th>info</th><th>report</th></tr></thead><tbody>");
    for (App a : apps) {
      boolean bad = a.status().equals("failed") || a.status().equals("incomplete");
      h.append("<tr class=\"app\"><td>").append(a.position()).append("</td><td>").append(esc(a.name()))
          .append("</td><td").append(bad ? " class=\"bad\"" : "").append(">").append(esc(a.status())).append("</td>");
      for (String s : services) {
        h.append("<td>").append(esc(a.states().getOrDefault(s, "-"))).append("</td>");
      }
      for (String sev : List.of("critical", "high", "medium", "low", "info")) {
        h.append("<td>").append(a.severity() == null ? 0 : a.severity().getOrDefault(sev, 0)).append("</td>");
      }
      h.append("<td>").append(a.report() == null ? "-" : "<a href=\"" + esc(a.report()) + "\">report</a>").append("</td></tr>");
    }
    h.append("</tbody></table>");
    boolean any = apps.stream().anyMatch(a -> !a.failures().isEmpty());
    if (any) {
      h.append("<h2>Failures</h2><ul id=\"batch-failures\">");
      for (App a : apps) {
        for (String f : a.failures()) {
          h.append("<li>#").append(a.position()).append(" ").append(esc(a.name())).append(" ").append(esc(f)).append("</li>");
        }
      }
      h.append("</ul>");
    }
    return h.append("</body></html>\n").toString();
  }
}
