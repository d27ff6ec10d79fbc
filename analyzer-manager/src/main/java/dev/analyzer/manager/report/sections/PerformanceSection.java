package dev.analyzer.manager.report.sections;

import static dev.analyzer.manager.report.HtmlReport.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load test: for every load result in the reply (an object with {@code latency_ms}), a
 * percentile table, corrected (from the intended send time) next to uncorrected, the target and
 * achieved rates, and an inline SVG chart of latency over time from its per-second series. Reads
 * defensively: a missing figure is a dash, a missing series no chart. Stateless.
 */
final class PerformanceSection {

  private static final String[] PERCENTILES = {"p50", "p90", "p99", "p99_9", "max"};
  private static final String[] SERIES_KEYS = {"series", "per_second", "timeline", "seconds", "intervals"};
  private static final int W = 640;
  private static final int H = 220;
  private static final int PAD = 40;

  private PerformanceSection() {}

  static void render(StringBuilder h, JsonNode analysis) {
    List<Map.Entry<String, JsonNode>> loads = Json.distinct(Json.find(analysis,
        n -> n.isObject() && n.path("latency_ms").isObject()));
    if (loads.isEmpty()) {
      h.append("<p class=\"no-load\">No load-test figures in the reply.</p>");
      return;
    }
    for (Map.Entry<String, JsonNode> e : loads.subList(0, Math.min(6, loads.size()))) {
      JsonNode load = e.getValue();
      h.append("<div class=\"load\"><h3>Load test <code>").append(esc(e.getKey())).append("</code></h3>");
      h.append("<p>target rate ").append(fmt(Json.number(load, "target_rate"))).append(" req/s · achieved ")
          .append(fmt(Json.number(load, "achieved_rate"))).append(" req/s");
      Double requests = Json.number(load, "requests", "total_requests", "requests_sent");
      Double errors = Json.number(load, "errors", "failed_requests", "error_count");
      if (requests != null) {
        h.append(" · requests ").append(fmt(requests));
      }
      if (errors != null) {
        h.append(" · errors ").append(fmt(errors));
      }
      h.append("</p><table class=\"percentiles\"><thead><tr><th>latency (ms)</th><th>corrected</th>")
          .append("<th>uncorrected</th></tr></thead><tbody>");
      JsonNode corrected = load.path("latency_ms");
      JsonNode uncorrected = load.path("latency_uncorrected_ms");
      for (String p : PERCENTILES) {
        h.append("<tr><td>").append(p.replace('_', '.')).append("</td><td>").append(fmt(Json.number(corrected, p)))
            .append("</td><td>").append(fmt(Json.number(uncorrected, p))).append("</td></tr>");
      }
      h.append("</tbody></table>");
      JsonNode series = series(load);
      if (series != null) {
        chart(h, series);
      } else {
        h.append("<p>No per-second series in the reply.</p>");
      }
      h.append("</div>");
    }
  }

  private static JsonNode series(JsonNode load) {
    for (String k : SERIES_KEYS) {
      JsonNode s = load.get(k);
      if (s != null && s.isArray() && s.size() > 0 && s.get(0).isObject()) {
        return s;
      }
    }
    for (JsonNode v : load) {
      if (v.isArray() && v.size() > 1 && v.get(0).isObject() && y(v.get(0), "p99", "latency_ms") != null) {
        return v;
      }
    }
    return null;
  }

  /** A point's value: {@code el.p99}, {@code el.p99_ms} or {@code el.<group>.p99}. */
  static Double y(JsonNode el, String name, String group) {
    Double v = Json.number(el, name, name + "_ms");
    return v != null ? v : Json.number(el.path(group), name);
  }

  private static void chart(StringBuilder h, JsonNode series) {
    String[][] lines = {{"p50", "latency_ms", "#1565c0", "p50 corrected"}, {"p99", "latency_ms", "#c62828", "p99 corrected"},
        {"p99", "latency_uncorrected_ms", "#ef6c00", "p99 uncorrected"}};
    double max = 1;
    List<List<double[]>> points = new ArrayList<>();
    for (String[] l : lines) {
      List<double[]> pts = new ArrayList<>();
      int i = 0;
      for (JsonNode el : series) {
        Double v = l[1].equals("latency_ms") ? y(el, l[0], l[1]) : Json.number(el.path(l[1]), l[0]);
        if (v == null && !l[1].equals("latency_ms")) {
          v = Json.number(el, l[0] + "_uncorrected", l[0] + "_uncorrected_ms");
        }
        if (v != null) {
          pts.add(new double[] {i, v});
          max = Math.max(max, v);
        }
        i++;
      }
      points.add(pts);
    }
    int n = Math.max(2, series.size());
    h.append("<svg class=\"latency-chart\" width=\"").append(W).append("\" height=\"").append(H)
        .append("\" role=\"img\" aria-label=\"latency over time\">");
    h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", PAD, H - PAD, W - 10,
        H - PAD));
    h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", PAD, PAD, H - PAD));
    h.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"16\" font-size=\"10\">%s ms</text>", fmt(max)));
    h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%d s</text>", W - 40, H - PAD + 14,
        series.size()));
    for (int k = 0; k < lines.length; k++) {
      if (points.get(k).isEmpty()) {
        continue;
      }
      StringBuilder pts = new StringBuilder();
      for (double[] p : points.get(k)) {
        double x = PAD + p[0] * (W - PAD - 10) / (n - 1);
        double yy = H - PAD - p[1] * (H - PAD - 10) / max;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yy));
      }
      h.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(lines[k][2])
          .append("\" points=\"").append(pts.toString().strip()).append("\"><title>").append(lines[k][3])
          .append("</title></polyline>");
      h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"%s\">%s</text>", PAD + 10 + k * 120,
          H - 8, lines[k][2], lines[k][3]));
    }
    h.append("</svg>");
  }

  private static String fmt(Double v) {
    if (v == null) {
      return "-";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.format(Locale.ROOT, "%d", v.longValue())
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
