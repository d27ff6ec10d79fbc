package dev.analyzer.manager.commands;

import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.report.BatchHtml;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.RunStatus;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.services.ServiceSpec;
import dev.analyzer.manager.text.Durations;
import dev.analyzer.manager.text.TextTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The end-of-batch summary: a table per app (state per service, findings by severity) and every failure's reason. */
final class BatchSummary {

  /**
   * One app's line of the summary.
   *
   * @param position the entry's 1-based position in the batch file
   * @param states per service name, its state ("-" when not requested)
   * @param severity findings per severity
   * @param reasons "service: state: why" for every service that did not deliver
   */
  record Row(int position, String model, int app, String status, Map<String, String> states,
      Map<String, Integer> severity, int findings, List<String> reasons, String resultsDir, int exitCode) {

    @SuppressWarnings("unchecked")
    static Row of(int position, AnalyzeOptions o, RunSupport.Done d) {
      Map<String, String> states = new LinkedHashMap<>();
      for (ServiceOutcome s : d.consolidated().report().outcomes()) {
        states.put(s.spec().name(), s.state());
      }
      List<String> reasons = new ArrayList<>();
      for (RunStatus.Problem p : d.consolidated().status().problems()) {
        reasons.add(p.service() + ": " + p.state() + ": " + p.reason());
      }
      return new Row(position, o.model(), o.app(), d.consolidated().status().status(), states,
          (Map<String, Integer>) d.consolidated().summary().get("severity_breakdown"), d.consolidated().findings().size(),
          reasons, d.files().directory().toString(), d.exitCode());
    }

    /** The row {@link #toMap()} wrote (a queued batch keeps the rows of its finished entries in its journal). */
    static Row fromJson(com.fasterxml.jackson.databind.JsonNode n) {
      Map<String, String> states = new LinkedHashMap<>();
      n.path("services").fields().forEachRemaining(e -> states.put(e.getKey(), e.getValue().asText()));
      Map<String, Integer> severity = new LinkedHashMap<>();
      n.path("severity_breakdown").fields().forEachRemaining(e -> severity.put(e.getKey(), e.getValue().asInt()));
      List<String> reasons = new ArrayList<>();
      n.path("failures").forEach(f -> reasons.add(f.asText()));
      return new Row(n.path("position").asInt(), n.path("model").isNull() ? null : n.path("model").asText(),
          n.path("app").asInt(), n.path("status").asText(), states, severity, n.path("findings").asInt(), reasons,
          n.path("results_dir").isTextual() ? n.get("results_dir").asText() : null, n.path("exit_code").asInt());
    }

    static Row crashed(int position, AnalyzeOptions o, String why) {
      return new Row(position, o.model(), o.app(), "failed", Map.of(), Map.of(), 0, List.of(String.valueOf(why)), null,
          ExitCodes.SERVICE_FAILED);
    }

    String name() {
      return o(model) + "/app" + app;
    }

    String line() {
      return "#" + position + " " + name() + ": " + status + ", " + findings + " findings"
          + (reasons.isEmpty() ? "" : "; " + String.join("; ", reasons));
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("position", position);
      m.put("model", model);
      m.put("app", app);
      m.put("status", status);
      m.put("services", states);
      m.put("findings", findings);
      m.put("severity_breakdown", severity);
      m.put("failures", reasons);
      m.put("results_dir", resultsDir);
      m.put("exit_code", exitCode);
      return m;
    }

    private static String o(String s) {
      return s == null ? "-" : s;
    }
  }

  private BatchSummary() {}

  /**
   * The end of a batch: writes {@code results/batch/batch_analysis_<id>.json} and {@code .html}, prints
   * the table, the failures and where the summary is, and returns the batch's exit code (the worst
   * of its apps, findings aside).
   */
  static int finish(PrintStream out, Path results, String id, Instant started, List<Row> rows) throws java.io.IOException {
    Map<String, Object> summary = json(id, started, Instant.now(), rows);
    Path batchFile = java.nio.file.Files.createDirectories(results.resolve("batch")).resolve("batch_analysis_" + id + ".json");
    new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .writeValue(batchFile.toFile(), summary);
    Path batchHtml = batchFile.resolveSibling("batch_analysis_" + id + ".html");
    java.nio.file.Files.writeString(batchHtml, html(id, batchHtml.getParent(), rows));
    out.println();
    print(out, rows);
    long failed = rows.stream().filter(r -> r.exitCode() == ExitCodes.SERVICE_FAILED).count();
    out.printf("%n%d apps: %d analyzed, %d failed or incomplete, in %s; summary %s%n", rows.size(),
        rows.size() - failed, failed, Durations.format(Duration.between(started, Instant.now())), batchFile);
    out.println("report: " + batchHtml);
    int worst = rows.stream().mapToInt(Row::exitCode).max().orElse(ExitCodes.OK);
    return worst == ExitCodes.FINDINGS ? ExitCodes.OK : worst;
  }

  static void print(PrintStream out, List<Row> rows) {
    List<String> header = new ArrayList<>(List.of("#", "app", "status"));
    ServiceSpec.ALL.forEach(s -> header.add(s.name()));
    header.add("findings (crit/high/med/low/info)");
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (Row r : rows) {
      List<Object> cells = new ArrayList<>(List.of(r.position(), r.name(), r.status()));
      ServiceSpec.ALL.forEach(s -> cells.add(r.states().getOrDefault(s.name(), "-")));
      cells.add(r.findings() + " (" + n(r, "critical") + "/" + n(r, "high") + "/" + n(r, "medium") + "/" + n(r, "low")
          + "/" + n(r, "info") + ")");
      t.row(cells.toArray());
    }
    t.print(out);
    boolean any = rows.stream().anyMatch(r -> !r.reasons().isEmpty());
    if (any) {
      out.println();
      out.println("failures:");
      for (Row r : rows) {
        for (String why : r.reasons()) {
          out.println("  #" + r.position() + " " + r.name() + " " + why);
        }
      }
    }
  }

  static Map<String, Object> json(String id, Instant started, Instant finished, List<Row> rows) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("batch_id", id);
    summary.put("started_at", Durations.timestamp(started));
    summary.put("completed_at", Durations.timestamp(finished));
    summary.put("duration", Durations.seconds(Duration.between(started, finished)));
    summary.put("total_apps", rows.size());
    Map<String, Object> results = new LinkedHashMap<>();
    for (Row r : rows) {
      results.put(r.name() + "#" + r.position(), r.toMap());
    }
    summary.put("results", results);
    long ok = rows.stream().filter(r -> r.exitCode() != ExitCodes.SERVICE_FAILED).count();
    summary.put("summary", Map.of("successful_analyses", ok, "failed_analyses", rows.size() - ok,
        "success_rate", rows.isEmpty() ? 0 : Math.round(1000.0 * ok / rows.size()) / 10.0));
    return summary;
  }

  static String html(String id, Path dir, List<Row> rows) {
    List<BatchHtml.App> apps = new ArrayList<>();
    for (Row r : rows) {
      String report = r.resultsDir() == null ? null : dir.relativize(Path.of(r.resultsDir()).resolve("report.html")).toString();
      apps.add(new BatchHtml.App(r.position(), r.name(), r.status(), r.states(), r.severity(), r.findings(), r.reasons(),
          report));
    }
    return BatchHtml.render(id, Durations.timestamp(Instant.now()), ServiceSpec.ALL.stream().map(ServiceSpec::name).toList(),
        apps);
  }

  private static int n(Row r, String sev) {
    return r.severity() == null ? 0 : r.severity().getOrDefault(sev, 0);
  }
}
