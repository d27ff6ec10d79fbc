package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.app.AppLaunch;
import dev.analyzer.manager.app.AppProcess;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.Preflight;
import dev.analyzer.manager.services.Availability;
import dev.analyzer.manager.services.ServiceEnvironment;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import dev.analyzer.manager.text.Colors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.analyzer.manager.run.ServiceOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code analyzer demo}: starts the services that are built and the bundled sample app
 * (examples/sample-app, python3 standard library only), runs every analysis on it, prints the
 * summary and the report paths, and stops everything it started, also when interrupted.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Start the built services and the bundled sample app, analyze it with all four services, print the "
        + "report paths, stop all it started (also on Ctrl-C).",
        "A service that is not built is reported (status incomplete) without failing the demo; --strict makes it exit 3."})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/).")
  Path out;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, sarif, html or junit.")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write --format to FILE instead of stdout.")
  Path output;

  @Option(names = "--quiet", description = "No progress and no summary.")
  boolean quiet;

  @Option(names = "--no-color", description = "No colours.")
  boolean noColor;

  @Option(names = "--strict", description = "A service that is not built makes the exit code 3.")
  boolean strict;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    Console console = new Console(System.out, json ? "json" : format, output, quiet, Colors.detect(noColor, env));
    Workspace ws = Workspace.fromEnvironment();
    Path app = ws.examples().resolve("sample-app");
    if (!Files.isDirectory(app)) {
      throw new IllegalArgumentException("the sample app is missing: " + app + " (run from the project directory)");
    }
    ServiceProcesses processes = new ServiceProcesses(ws);
    List<ServiceSpec> startedHere = new CopyOnWriteArrayList<>();
    Map<ServiceSpec, ServiceOutcome> failedToStart = new LinkedHashMap<>();
    AppProcess[] sample = new AppProcess[1];
    Runnable cleanup = () -> {
      if (sample[0] != null) {
        sample[0].close();
      }
      for (ServiceSpec s : startedHere) {
        try {
          processes.stop(s);
        } catch (IOException ignored) {
          // best effort on the way out
        }
      }
    };
    Thread hook = new Thread(cleanup, "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Map<String, String> serviceEnv = ServiceEnvironment.of(ws, env);
      Map<ServiceSpec, CompletableFuture<ServiceProcesses.Running>> starting = new LinkedHashMap<>();
      for (ServiceSpec spec : ServiceSpec.ALL) {
        Availability a = Availability.of(spec, ws, processes, env);
        if (a.where() == Availability.Where.NOT_BUILT) {
          console.say(spec.name() + ": " + a.notBuiltReason(ws));
        } else if (a.where() == Availability.Where.DEFAULT_PORT) {
          console.say(spec.name() + ": starting");
          startedHere.add(spec);
          starting.put(spec, CompletableFuture.supplyAsync(() -> {
            try {
              return processes.start(spec, true, serviceEnv);
            } catch (IOException e) {
              throw new CompletionException(e);
            }
          }));
        } else {
          console.say(spec.name() + ": ready at " + a.url());
        }
      }
      for (Map.Entry<ServiceSpec, CompletableFuture<ServiceProcesses.Running>> e : starting.entrySet()) {
        ServiceSpec spec = e.getKey();
        try {
          console.say(spec.name() + ": ready at " + e.getValue().join().url());
        } catch (CompletionException failed) {
          String why = String.valueOf(failed.getCause().getMessage());
          console.say(spec.name() + ": failed to start: " + why);
          failedToStart.put(spec, ServiceOutcome.notRunning(spec, null, "failed to start: " + why.lines().findFirst()
              .orElse("") + " (see logs/" + spec.name() + ".log)", Duration.ZERO));
        }
      }
      AppLaunch launch = AppLaunch.resolve(null, null, app);
      sample[0] = AppProcess.launch(launch.command(), app, launch.port(), ws.logs().resolve("sample-app.log"), Map.of());
      sample[0].awaitReady(Duration.ofSeconds(20));
      console.say("sample app: " + sample[0].url() + " (" + app + ")");
      AnalyzeOptions options = new AnalyzeOptions(app, List.of(sample[0].url()), ServiceSpec.ALL, "demo", 1, List.of(),
          null, null, !strict, Map.of());
      try (AnalyzerClient client = Clients.create(processes)) {
        Preflight.Plan checked = new Preflight(ws, processes, env, console::say)
            .prepare(client, ServiceSpec.ALL, List.of(), List.of(app));
        Map<ServiceSpec, ServiceOutcome> settled = new LinkedHashMap<>(checked.settled());
        settled.putAll(failedToStart);
        Preflight.Plan plan = new Preflight.Plan(checked.where(), checked.tools(), settled);
        return RunSupport.analyzeAndSave(client, plan, options, out == null ? ws.results() : out, console).exitCode();
      }
    } finally {
      cleanup.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // interrupted: the hook does the cleanup
      }
    }
  }
}
