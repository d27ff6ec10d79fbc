package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.Preflight;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import dev.analyzer.queue.QueueSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analyzer batch FILE}: a JSON list of apps analyzed {@code --parallel} at a time through one
 * client (identical entries share one remote analysis); one app's failure never stops the others;
 * a summary table at the end with every service's state per app and the reason of every failure.
 * With a queue URL (or {@code --resume}) the batch is a {@link QueuedBatchCommand} instead.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = {"Analyze a JSON list of apps: [{\"model\": \"m\", \"app\": 1, \"source\": \"dir\", \"urls\": [\"http://...\"], "
        + "\"types\": \"static,ai\"}]; source is relative to the file.",
        "With --queue URL (or ANALYZER_QUEUE_URL) every analysis is queued durably on NATS JetStream; the batch "
            + "prints its id and can be stopped and resumed with --resume ID.",
        "Exit code: the worst of the apps (3 when an analysis is missing or failed; findings do not fail a batch)."})
public final class BatchCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "0..1", description = "The batch file (not with --resume).")
  Path file;

  @Option(names = "--queue", paramLabel = "URL", description = "Queue every analysis durably on NATS JetStream "
      + "(nats://host:4222, comma-separated; default: ANALYZER_QUEUE_URL, unset: the services over WebSocket).")
  String queue;

  @Option(names = "--resume", paramLabel = "ID", description = "Resume the queued batch ID (printed when it started): "
      + "queue what was not queued yet, collect every result, write the reports.")
  String resume;

  @Option(names = "--parallel", defaultValue = "2", description = "Apps analyzed at once, 1..64 (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--types", split = ",", description = "Default types of the entries (default: auto, what each entry's inputs allow).")
  List<String> types;

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/).")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline per analysis.")
  Integer timeout;

  @Option(names = "--allow-missing", description = "Services that are not built or not running do not make the exit code 3.")
  boolean allowMissing;

  @Override
  public Integer call() throws Exception {
    if (parallel < 1 || parallel > 64) {
      throw new IllegalArgumentException("--parallel must be 1..64, got " + parallel);
    }
    String envQueue = System.getenv(QueueSettings.URL);
    if (resume != null || queue != null || (envQueue != null && !envQueue.isBlank())) {
      Workspace ws = Workspace.fromEnvironment();
      return new QueuedBatchCommand(file, resume, queue, types, timeout, allowMissing, out == null ? ws.results() : out,
          out != null).call();
    }
    if (file == null) {
      throw new IllegalArgumentException("give the batch FILE (or --resume ID for a queued batch)");
    }
    List<AnalyzeOptions> apps = BatchFile.read(file, types, timeout == null ? null : Duration.ofSeconds(timeout),
        allowMissing);
    Workspace ws = Workspace.fromEnvironment();
    Path results = out == null ? ws.results() : out;
    Instant started = Instant.now();
    List<BatchSummary.Row> rows = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    ServiceProcesses processes = new ServiceProcesses(ws);
    try (AnalyzerClient client = Clients.create(processes)) {
      Set<ServiceSpec> all = new LinkedHashSet<>();
      List<Path> sources = new ArrayList<>();
      apps.forEach(a -> {
        all.addAll(a.services());
        if (a.source() != null && Files.isDirectory(a.source())) {
          sources.add(a.source());
        }
      });
      Preflight preflight = new Preflight(ws, processes, System.getenv(), System.out::println);
      Preflight.Plan shared = preflight.prepare(client, new ArrayList<>(all), List.of(), sources);
      List<CompletableFuture<BatchSummary.Row>> futures = new ArrayList<>();
      for (int i = 0; i < apps.size(); i++) {
        int position = i + 1;
        AnalyzeOptions app = apps.get(i);
        futures.add(CompletableFuture.supplyAsync(() -> runOne(position, app, client, shared, preflight, results), pool));
      }
      for (CompletableFuture<BatchSummary.Row> f : futures) {
        rows.add(f.join());
      }
    } finally {
      pool.shutdownNow();
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    return BatchSummary.finish(System.out, results, id, started, rows);
  }

  private static BatchSummary.Row runOne(int position, AnalyzeOptions app, AnalyzerClient client, Preflight.Plan shared,
      Preflight preflight, Path results) {
    try {
      Preflight.Plan mine = app.tools().isEmpty() ? shared : preflight.prepare(client, app.services(), app.tools(), List.of());
      Map<ServiceSpec, ServiceOutcome> settled = new LinkedHashMap<>(mine.settled());
      if (app.source() != null && !Files.isDirectory(app.source())) {
        for (ServiceSpec s : app.services()) {
          if (Preflight.readsSource(s)) {
            settled.put(s, ServiceOutcome.refused(s, "source " + app.source() + (Files.exists(app.source())
                ? " is not a directory" : " does not exist")));
          }
        }
      }
      Preflight.Plan plan = new Preflight.Plan(mine.where(), mine.tools(), settled);
      RunSupport.Done d = RunSupport.analyzeAndSave(client, plan, app, results, Console.silent());
      BatchSummary.Row row = BatchSummary.Row.of(position, app, d);
      System.out.println(row.line());
      return row;
    } catch (Exception e) {
      BatchSummary.Row row = BatchSummary.Row.crashed(position, app, e.getMessage());
      System.out.println(row.line());
      return row;
    }
  }
}
