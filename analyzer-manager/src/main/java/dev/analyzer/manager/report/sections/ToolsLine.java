package dev.analyzer.manager.report.sections;

import static dev.analyzer.manager.report.HtmlReport.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** The tools (with versions) and methods a service used, as one paragraph. Stateless. */
final class ToolsLine {

  /** A "method" that is an HTTP verb belongs to a request (a crawled endpoint), not to an analysis method. */
  private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
      "TRACE", "CONNECT");

  private ToolsLine() {}

  static void render(StringBuilder h, JsonNode analysis) {
    JsonNode used = analysis.path("tools_used");
    JsonNode versions = analysis.path("tool_versions");
    StringBuilder tools = new StringBuilder();
    for (JsonNode t : used) {
      if (tools.length() > 0) {
        tools.append(", ");
      }
      String v = versions.path(t.asText()).asText("");
      tools.append(esc(t.asText())).append(v.isEmpty() ? "" : " " + esc(v));
    }
    Set<String> methods = new LinkedHashSet<>();
    for (var e : Json.find(analysis, n -> n.isObject() && n.path("method").isTextual())) {
      String m = e.getValue().get("method").asText();
      if (!HTTP_METHODS.contains(m.toUpperCase(java.util.Locale.ROOT))) {
        methods.add(m);
      }
    }
    h.append("<p class=\"tools\">tools used: ").append(tools.length() == 0 ? "none reported" : tools.toString());
    if (!methods.isEmpty()) {
      h.append(" · method: ").append(esc(String.join(", ", methods)));
    }
    h.append("</p>");
  }
}
