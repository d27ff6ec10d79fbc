package dev.analyzer.manager.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.text.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves every run in the original's layout, {@code results/{model}/app{N}/task_{id}/}: the
 * consolidated JSON, {@code services/*.json} (each service's terminal reply), {@code sarif/*.sarif.json}
 * (each service's SARIF export), {@code manifest.json}, and {@code report.html}. Stateless.
 */
public final class ResultsWriter {

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The files written. */
  public record Written(Path directory, Path consolidated, Path manifest, Path html, List<Path> sarif, List<Path> services,
      Path mergedSarif, Path junit) {}

  private ResultsWriter() {}

  public static Written write(Path resultsRoot, Consolidated c) throws IOException {
    var r = c.report();
    String model = safe(r.options().model() == null ? "unknown" : r.options().model());
    int app = r.options().app();
    Path dir = Files.createDirectories(resultsRoot.resolve(model).resolve("app" + app).resolve("task_" + r.taskId()));
    ProtocolCodec codec = ProtocolCodec.create();
    String ts = TS.format(r.finished());
    List<Path> services = new ArrayList<>();
    List<Path> sarif = new ArrayList<>();
    Map<String, String> serviceFiles = new LinkedHashMap<>();
    Map<String, Object> servicesJson = new LinkedHashMap<>();
    for (ServiceOutcome o : r.outcomes()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("state", o.state());
      entry.put("detail", o.detail());
      entry.put("duration_seconds", Durations.seconds(o.duration()));
      if (o.reply() != null) {
        Path f = Files.createDirectories(dir.resolve("services")).resolve(model + "_app" + app + "_" + o.spec().name() + ".json");
        ObjectNode wrapper = JSON.createObjectNode();
        ObjectNode meta = wrapper.putObject("metadata");
        meta.put("model_slug", r.options().model());
        meta.put("app_number", app);
        meta.put("task_id", r.taskId());
        meta.put("service_name", o.spec().kind().defaultServiceName());
        meta.put("created_at", r.finished().toString());
        wrapper.set("results", JSON.readTree(codec.encode(o.reply())));
        JSON.writeValue(f.toFile(), wrapper);
        services.add(f);
        serviceFiles.put(o.spec().name(), dir.relativize(f).toString());
        entry.put("reply_file", dir.relativize(f).toString());
        AnalysisResult result = o.result();
        if (result != null && result.analysis() != null && result.analysis().extra().get("sarif_export") != null) {
          Path s = Files.createDirectories(dir.resolve("sarif")).resolve(o.spec().name() + ".sarif.json");
          JSON.writeValue(s.toFile(), result.analysis().extra().get("sarif_export"));
          sarif.add(s);
          entry.put("sarif_file", dir.relativize(s).toString());
        }
      }
      servicesJson.put(o.spec().name(), entry);
    }
    Map<String, Object> consolidated = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("model_slug", r.options().model());
    metadata.put("app_number", app);
    metadata.put("analysis_type", r.taskId());
    metadata.put("timestamp", r.finished().toString());
    metadata.put("analyzer_version", "0.1.0");
    consolidated.put("metadata", metadata);
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("task_id", r.taskId());
    task.put("source", r.options().source() == null ? null : r.options().source().toString());
    task.put("target_urls", r.options().urls());
    task.put("started_at", r.started().toString());
    task.put("completed_at", r.finished().toString());
    results.put("task", task);
    results.put("summary", c.summary());
    results.put("services", servicesJson);
    results.put("findings", findingsJson(codec, c.findings()));
    consolidated.put("results", results);
    Path main = dir.resolve(model + "_app" + app + "_task_" + r.taskId() + "_" + ts + ".json");
    JSON.writeValue(main.toFile(), consolidated);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("task_id", r.taskId());
    manifest.put("model_slug", r.options().model());
    manifest.put("app_number", app);
    manifest.put("primary_result", dir.relativize(main).toString());
    manifest.put("services", new ArrayList<>(servicesJson.keySet()));
    manifest.put("service_files", serviceFiles);
    manifest.put("sarif_files", sarif.stream().map(p -> dir.relativize(p).toString()).toList());
    manifest.put("report_html", "report.html");
    manifest.put("report_sarif", "report.sarif.json");
    manifest.put("junit", "junit.xml");
    manifest.put("created_at", Instant.now().toString());
    Path manifestFile = dir.resolve("manifest.json");
    JSON.writeValue(manifestFile.toFile(), manifest);
    Path html = dir.resolve("report.html");
    Files.writeString(html, HtmlReport.render(c));
    Path merged = dir.resolve("report.sarif.json");
    JSON.writeValue(merged.toFile(), SarifReport.of(c));
    Path junit = dir.resolve("junit.xml");
    Files.writeString(junit, JunitReport.render(c));
    return new Written(dir, main, manifestFile, html, sarif, services, merged, junit);
  }

  private static Object findingsJson(ProtocolCodec codec, List<Finding> findings) throws IOException {
    return JSON.readTree(codec.encodeFindings(findings));
  }

  /** The original replaced {@code /} in model slugs; we also drop anything that is not a safe name character. */
  static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
