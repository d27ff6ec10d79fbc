package dev.analyzer.manager.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.services.ServiceProcesses;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analyzer batch FILE}: a JSON list of apps ({@code [{"model","app","source","urls","types"}]}),
 * analyzed {@code --parallel} at a time through one client (identical entries share one remote
 * analysis); one app's failure never stops the others; one summary at the end.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "Analyze a JSON list of apps: [{\"model\":..., \"app\":1, \"source\":\"dir\", \"urls\":[...], \"types\":\"static\"}].")
public final class BatchCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The batch file.")
  Path file;

  @Option(names = "--parallel", defaultValue = "2", description = "Apps analyzed at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--types", split = ",", defaultValue = "comprehensive", description = "Default types (default: ${DEFAULT-VALUE}).")
  List<String> types;

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/).")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline per analysis.")
  Integer timeout;

  @Override
  public Integer call() throws Exception {
    if (parallel < 1 || parallel > 64) {
      throw new IllegalArgumentException("--parallel must be 1..64, got " + parallel);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("batch file not found: " + file);
    }
    JsonNode list;
    try {
      list = new ObjectMapper().readTree(file.toFile());
    } catch (Exception e) {
      throw new IllegalArgumentException("batch file " + file + " is not valid JSON: " + e.getMessage());
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("batch file " + file + " must hold a JSON list of apps");
    }
    Workspace ws = Workspace.fromEnvironment();
    Path results = out == null ? ws.results() : out;
    List<AnalyzeOptions> apps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      apps.add(entry(list.get(i), i));
    }
    Instant started = Instant.now();
    Map<String, Object> perApp = new LinkedHashMap<>();
    int worst = ExitCodes.OK;
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    try (AnalyzerClient client = Clients.create(new ServiceProcesses(ws))) {
      List<CompletableFuture<Map<String, Object>>> futures = new ArrayList<>();
      for (AnalyzeOptions app : apps) {
        futures.add(CompletableFuture.supplyAsync(() -> {
          Map<String, Object> r = new LinkedHashMap<>();
          try {
            RunSupport.Done d = RunSupport.analyzeAndSave(ws, client, app, results, quiet, false, true);
            r.put("status", d.consolidated().summary().get("status"));
            r.put("findings", d.consolidated().findings().size());
            r.put("results_dir", d.files().directory().toString());
            r.put("exit_code", d.exitCode());
          } catch (Exception e) {
            r.put("status", "failed");
            r.put("error", e.getMessage());
            r.put("exit_code", ExitCodes.SERVICE_FAILED);
          }
          System.out.printf("%-28s app %-4d %-12s %s%n", app.model(), app.app(), r.get("status"),
              r.containsKey("findings") ? r.get("findings") + " findings" : r.get("error"));
          return r;
        }, pool));
      }
      for (int i = 0; i < futures.size(); i++) {
        Map<String, Object> r = futures.get(i).join();
        perApp.put(apps.get(i).model() + "/app" + apps.get(i).app() + "#" + i, r);
        worst = Math.max(worst, (Integer) r.get("exit_code"));
      }
    } finally {
      pool.shutdownNow();
    }
    long ok = perApp.values().stream().filter(v -> !"failed".equals(((Map<?, ?>) v).get("status"))).count();
    Map<String, Object> summary = new LinkedHashMap<>();
    String id = UUID.randomUUID().toString().substring(0, 8);
    summary.put("batch_id", id);
    summary.put("started_at", started.toString());
    summary.put("completed_at", Instant.now().toString());
    summary.put("duration", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    summary.put("total_apps", apps.size());
    summary.put("results", perApp);
    summary.put("summary", Map.of("successful_analyses", ok, "failed_analyses", apps.size() - ok,
        "success_rate", apps.isEmpty() ? 0 : 100.0 * ok / apps.size()));
    Path batchFile = Files.createDirectories(results.resolve("batch")).resolve("batch_analysis_" + id + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(batchFile.toFile(), summary);
    System.out.printf("%n%d apps: %d analyzed, %d failed; summary %s%n", apps.size(), ok, apps.size() - ok, batchFile);
    return worst == ExitCodes.FINDINGS ? ExitCodes.OK : worst;
  }

  private AnalyzeOptions entry(JsonNode n, int i) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("batch entry " + i + " must be an object with model and app");
    }
    String model = n.path("model").asText(null);
    if (model == null) {
      throw new IllegalArgumentException("batch entry " + i + " needs \"model\"");
    }
    Path source = n.hasNonNull("source") ? file.toAbsolutePath().getParent().resolve(n.get("source").asText()).normalize() : null;
    List<String> urls = new ArrayList<>();
    n.path("urls").forEach(u -> urls.add(u.asText()));
    List<String> entryTypes = n.hasNonNull("types") ? List.of(n.get("types").asText().split(",")) : types;
    return new AnalyzeOptions(source, urls, Selection.services(entryTypes), model, n.path("app").asInt(1), List.of(),
        timeout == null ? null : Duration.ofSeconds(timeout), null);
  }
}
