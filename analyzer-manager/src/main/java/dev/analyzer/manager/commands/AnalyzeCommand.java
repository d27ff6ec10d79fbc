package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.app.AppLaunch;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.Preflight;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import dev.analyzer.manager.text.Colors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code analyzer analyze}: the requested analyses of one app, saved and summarized. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Analyze one app and save JSON, SARIF, JUnit and an HTML report.",
        "static, dynamic and ai run in parallel; performance (the load test) runs alone after the dynamic probe "
            + "has finished, so that the scan does not skew its figures.",
        "Exit codes: 0 done, 1 a finding at or above --fail-on, 2 usage error, 3 a requested analysis is missing "
            + "(service not built or not running) or failed, also with --fail-on (unless --allow-missing)."})
public final class AnalyzeCommand implements Callable<Integer> {

  @Option(names = "--source", paramLabel = "DIR", description = "The app's source directory (static, ai).")
  Path source;

  @Option(names = "--url", paramLabel = "URL", arity = "1..*", description = "The running app's URLs (dynamic, performance).")
  List<String> urls = new ArrayList<>();

  @Option(names = "--start-app", description = "Start the app in --source first (backend/app.py as the sample app, or "
      + "--app-command), wait until it answers, analyze it at its URL too, and stop it afterwards, also on Ctrl-C.")
  boolean startApp;

  @Option(names = "--app-command", paramLabel = "COMMAND", description = "The command that starts the app (run in --source, "
      + "no shell; {port} is replaced by its port; PORT and BACKEND_PORT are set). Implies --start-app.")
  String appCommand;

  @Option(names = "--app-port", paramLabel = "PORT", description = "The app's port (default: a free port for {port}, else "
      + "BACKEND_PORT or PORT from the app's .env).")
  Integer appPort;

  @Option(names = "--types", paramLabel = "TYPES", split = ",",
      description = "static,dynamic,performance,ai, comprehensive (all four) or auto: what the inputs allow (default).")
  List<String> types;

  @Option(names = "--model", defaultValue = "local", description = "Model slug the results are filed under (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--app", defaultValue = "1", description = "App number (default: ${DEFAULT-VALUE}).")
  int app;

  @Option(names = "--tools", split = ",", paramLabel = "TOOLS",
      description = "Only these tools (default: all); each goes to the services that have it; an unknown name is an error.")
  List<String> tools = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline per analysis (default: each service's).")
  Integer timeout;

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/ in the project).")
  Path out;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit 1 when a finding is at least this severe.")
  String failOn;

  @Option(names = "--allow-missing", description = "A service that is not built or not running does not make the exit code 3 "
      + "(the status still says incomplete).")
  boolean allowMissing;

  @Option(names = "--format", paramLabel = "FORMAT", description = "What goes to stdout (or --output): text (default), json, "
      + "sarif, html or junit.")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write --format to FILE instead of stdout.")
  Path output;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  @Option(names = "--quiet", description = "No progress and no summary; problems still go to stderr.")
  boolean quiet;

  @Option(names = "--no-color", description = "No colours (also with NO_COLOR set, or when stdout is not a terminal).")
  boolean noColor;

  @Override
  public Integer call() throws Exception {
    if (source != null && !Files.exists(source)) {
      throw new IllegalArgumentException("--source " + source + " does not exist");
    }
    if (source != null && !Files.isDirectory(source)) {
      throw new IllegalArgumentException("--source " + source + " is not a directory");
    }
    if (timeout != null && timeout < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeout);
    }
    if (app < 0) {
      throw new IllegalArgumentException("--app must be >= 0, got " + app);
    }
    boolean starts = startApp || appCommand != null;
    if (starts && source == null && appCommand == null) {
      throw new IllegalArgumentException("--start-app needs --source DIR (the app to start) or --app-command");
    }
    Map<String, String> env = System.getenv();
    Console console = new Console(System.out, json ? "json" : format, output, quiet, Colors.detect(noColor, env));
    List<ServiceSpec> services = Selection.forInputs(types, source != null, !urls.isEmpty() || starts);
    Workspace ws = Workspace.fromEnvironment();
    AppLaunch launch = starts ? AppLaunch.resolve(appCommand, appPort, source == null ? Path.of("") : source) : null;
    AnalyzeOptions options = new AnalyzeOptions(source, urls, services, model, app, tools,
        timeout == null ? null : Duration.ofSeconds(timeout), RunSupport.severity(failOn), allowMissing, Map.of());
    ServiceProcesses processes = new ServiceProcesses(ws);
    try (AnalyzerClient client = Clients.create(processes)) {
      Preflight.Plan plan = new Preflight(ws, processes, env, console::say)
          .prepare(client, services, tools, source == null ? List.of() : List.of(source));
      if (launch == null) {
        return RunSupport.analyzeAndSave(client, plan, options, out == null ? ws.results() : out, console).exitCode();
      }
      try (RunningApp running = RunningApp.start(launch, ws, console)) {
        List<String> all = new ArrayList<>(urls);
        all.add(running.app().url());
        return RunSupport.analyzeAndSave(client, plan, options.withUrls(all), out == null ? ws.results() : out, console)
            .exitCode();
      }
    }
  }
}
