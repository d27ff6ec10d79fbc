package dev.analyzer.manager.report.sections;

import static dev.analyzer.manager.report.HtmlReport.esc;

import dev.analyzer.core.findings.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dynamic scan's findings grouped by URL, each with its request and response evidence (escaped:
 * they carry the probes' payloads), cut to a few KiB. Stateless.
 */
final class DynamicSection {

  private static final int MAX_EVIDENCE = 4096;

  private DynamicSection() {}

  static void render(StringBuilder h, List<Finding> findings) {
    Map<String, List<Finding>> byUrl = new TreeMap<>();
    for (Finding f : findings) {
      String url = f.location() == null ? "(whole target)" : f.location().isFile() ? f.location().file()
          : String.valueOf(f.location().url());
      byUrl.computeIfAbsent(url, u -> new ArrayList<>()).add(f);
    }
    h.append("<div class=\"dynamic-by-url\"><h3>Findings by URL (").append(byUrl.size()).append(" URLs)</h3>");
    if (byUrl.isEmpty()) {
      h.append("<p>No findings.</p>");
    }
    for (Map.Entry<String, List<Finding>> e : byUrl.entrySet()) {
      h.append("<div class=\"url-group\"><h4><code>").append(esc(e.getKey())).append("</code> (")
          .append(e.getValue().size()).append(")</h4><table><thead><tr><th>severity</th><th>rule</th><th>title</th>")
          .append("<th>method / parameter</th><th>evidence</th></tr></thead><tbody>");
      for (Finding f : e.getValue()) {
        String method = f.location() == null ? "" : (f.location().method() == null ? "" : f.location().method())
            + (f.location().parameter() == null ? "" : " " + f.location().parameter());
        h.append("<tr class=\"dyn-finding\"><td>").append(f.severity().wire()).append("</td><td>").append(esc(f.ruleId()))
            .append("</td><td>").append(esc(f.title())).append("</td><td>").append(esc(method)).append("</td><td><code>")
            .append(esc(cut(f.evidence()))).append("</code>");
        Object req = f.extra().get("request");
        Object resp = f.extra().get("response");
        if (req != null || resp != null) {
          h.append("<details><summary>request / response</summary>");
          if (req != null) {
            h.append("<pre class=\"request\">").append(esc(cut(String.valueOf(req)))).append("</pre>");
          }
          if (resp != null) {
            h.append("<pre class=\"response\">").append(esc(cut(String.valueOf(resp)))).append("</pre>");
          }
          h.append("</details>");
        }
        h.append("</td></tr>");
      }
      h.append("</tbody></table></div>");
    }
    h.append("</div>");
  }

  private static String cut(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_EVIDENCE ? s : s.substring(0, MAX_EVIDENCE) + "… (" + (s.length() - MAX_EVIDENCE)
        + " more characters)";
  }
}
