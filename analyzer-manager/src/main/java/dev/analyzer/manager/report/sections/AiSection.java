package dev.analyzer.manager.report.sections;

import static dev.analyzer.manager.report.HtmlReport.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The AI review's requirements: one row per requirement verdict found in the reply (an object with a
 * requirement text and a verdict or {@code met}), with met / partial / not found, confidence, the
 * explanation and links to the evidence (file and line in the analysed source). Stateless.
 */
final class AiSection {

  private static final int MAX_ROWS = 500;

  private AiSection() {}

  static void render(StringBuilder h, JsonNode analysis, Path source) {
    var found = Json.find(analysis, n -> n.isObject() && (n.has("requirement") || n.path("text").isTextual())
        && (n.has("verdict") || n.path("met").isBoolean()));
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.List<Map.Entry<String, JsonNode>> rows = new java.util.ArrayList<>();
    for (Map.Entry<String, JsonNode> e : found) {
      if (seen.add(Json.text(e.getValue(), "id") + "\u0000" + Json.text(e.getValue(), "requirement", "text"))) {
        rows.add(e);
      }
    }
    Double compliance = Json.number(analysis.path("summary"), "overall_compliance", "total_compliance_percentage");
    h.append("<h3>Requirements (").append(rows.size()).append(")")
        .append(compliance == null ? "" : String.format(Locale.ROOT, " · compliance %.1f%%", compliance)).append("</h3>");
    if (rows.isEmpty()) {
      h.append("<p>No requirement verdicts in the reply.</p>");
      return;
    }
    h.append("<table class=\"requirements\"><thead><tr><th>id</th><th>requirement</th><th>category</th><th>verdict</th>")
        .append("<th>confidence</th><th>evidence</th></tr></thead><tbody>");
    for (Map.Entry<String, JsonNode> e : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
      JsonNode r = e.getValue();
      String verdict = verdict(r);
      h.append("<tr class=\"requirement verdict-").append(esc(verdict)).append("\"><td>").append(esc(Json.text(r, "id")))
          .append("</td><td>").append(esc(Json.text(r, "requirement", "text"))).append("</td><td>")
          .append(esc(Json.text(r, "category"))).append("</td><td class=\"verdict\">").append(esc(verdict.replace('_', ' ')))
          .append("</td><td>").append(esc(Json.text(r, "confidence"))).append("</td><td>")
          .append(esc(Json.text(r, "explanation", "reason")));
      JsonNode ev = r.path("evidence");
      if (ev.isArray() && !ev.isEmpty()) {
        h.append("<ul class=\"evidence\">");
        int n = 0;
        for (JsonNode x : ev) {
          if (n++ == 5) {
            break;
          }
          String file = Json.text(x, "file");
          String line = Json.text(x, "line");
          String where = Json.text(x, "location");
          String label = where != null ? where : file == null ? "" : file + (line == null ? "" : ":" + line);
          h.append("<li>");
          if (file != null && source != null && !file.contains("..")) {
            h.append("<a href=\"").append(esc(source.resolve(file).toUri() + (line == null ? "" : "#L" + line)))
                .append("\">").append(esc(label)).append("</a>");
          } else {
            h.append(esc(label));
          }
          String quote = Json.text(x, "quote");
          if (quote != null) {
            h.append(" <code>").append(esc(quote.length() > 160 ? quote.substring(0, 160) + "…" : quote)).append("</code>");
          }
          h.append("</li>");
        }
        h.append("</ul>");
      }
      h.append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  /** met, partial or not_found, whichever way the reply says it. */
  static String verdict(JsonNode r) {
    String v = Json.text(r, "verdict");
    if (v != null) {
      String n = v.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      return n.equals("not_met") || n.equals("missing") ? "not_found" : n;
    }
    if (r.path("partial").asBoolean(false)) {
      return "partial";
    }
    return r.path("met").asBoolean(false) ? "met" : "not_found";
  }
}
