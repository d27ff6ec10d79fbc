package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.app.AppLaunch;
import dev.analyzer.manager.config.ProjectConfig;
import dev.analyzer.manager.report.Baseline;
import dev.analyzer.manager.source.GitSource;
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

  @Option(names = "--source", paramLabel = "DIR|GIT", description = "The app's source (static, ai): a directory, a git URL, "
      + "or a local repository with --ref (cloned at depth 1 into a temporary directory, removed afterwards).")
  String source;

  @Option(names = "--ref", paramLabel = "REF", description = "The branch, tag or commit of a git --source.")
  String ref;

  @Option(names = "--config", paramLabel = "FILE", description = "Project config (default: .analyzer.json in --source, "
      + "else in the working directory); flags override it.")
  Path config;

  @Option(names = "--baseline", paramLabel = "FILE|DIR", description = "An earlier run's consolidated JSON or results "
      + "folder: report only findings it does not have (by fingerprint).")
  Path baseline;

  @Option(names = "--url", paramLabel = "URL", arity = "1..*", description = "The running app's URLs (dynamic, performance).")
  List<String> urls = new ArrayList<>();

  @Option(names = "--start-app", description = "Start the app in --source first (backend/app.py as the sample app, or "
      + "--app-command), wait until it answers, analyze it at its URL too, and stop it afterwards, also on Ctrl-C.")
  Boolean startApp;

  @Option(names = "--app-command", paramLabel = "COMMAND", description = "The command that starts the app (run in --source, "
      + "no shell; {port} is replaced by its port; PORT and BACKEND_PORT are set). Implies --start-app.")
  String appCommand;

  @Option(names = "--app-port", paramLabel = "PORT", description = "The app's port (default: a free port for {port}, else "
      + "BACKEND_PORT or PORT from the app's .env).")
  Integer appPort;

  @Option(names = "--types", paramLabel = "TYPES", split = ",",
      description = "static,dynamic,performance,ai, comprehensive (all four) or auto: what the inputs allow (default).")
  List<String> types;

  @Option(names = "--model", description = "Model slug the results are filed under (default: local).")
  String model;

  @Option(names = "--app", description = "App number (default: 1).")
  Integer app;

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
  Boolean allowMissing;

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
    Path localSource = source != null && !GitSource.applies(source, ref) ? Path.of(source) : null;
    if (localSource != null && !Files.exists(localSource)) {
      throw new IllegalArgumentException("--source " + source + " does not exist");
    }
    if (localSource != null && !Files.isDirectory(localSource)) {
      throw new IllegalArgumentException("--source " + source + " is not a directory");
    }
    if (ref != null && (source == null || localSource != null)) {
      throw new IllegalArgumentException("--ref needs --source to be a git URL or a local git repository");
    }
    ProjectConfig cfg = ProjectConfig.find(config, localSource);
    List<String> theUrls = !urls.isEmpty() ? urls : or(cfg.urls(), List.of());
    List<String> theTools = !tools.isEmpty() ? tools : or(cfg.tools(), List.of());
    Integer theTimeout = or(timeout, cfg.timeout());
    int theApp = or(app, or(cfg.app(), 1));
    if (theTimeout != null && theTimeout < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second, got " + theTimeout);
    }
    if (theApp < 0) {
      throw new IllegalArgumentException("--app must be >= 0, got " + theApp);
    }
    String theCommand = or(appCommand, cfg.appCommand());
    boolean starts = or(startApp, or(cfg.startApp(), false)) || appCommand != null;
    if (starts && source == null && theCommand == null) {
      throw new IllegalArgumentException("--start-app needs --source DIR (the app to start) or --app-command");
    }
    Map<String, String> env = System.getenv();
    Console console = new Console(System.out, json ? "json" : format, output, quiet, Colors.detect(noColor, env));
    List<ServiceSpec> services = Selection.forInputs(types != null ? types : cfg.types(), source != null,
        !theUrls.isEmpty() || starts);
    Path theBaseline = or(baseline, cfg.baseline());
    Baseline known = theBaseline == null ? null : Baseline.read(theBaseline);
    Workspace ws = Workspace.fromEnvironment();
    try (Cleanup cleanup = new Cleanup()) {
      Path dir = localSource;
      if (source != null && localSource == null) {
        console.say("source: cloning " + source + (ref == null ? "" : " at " + ref) + " (depth 1)");
        GitSource clone = cleanup.add(GitSource.clone(source, ref, ws.state().resolve("tmp")));
        dir = clone.dir();
      }
      AppLaunch launch = starts ? AppLaunch.resolve(theCommand, or(appPort, cfg.appPort()), dir == null ? Path.of("") : dir)
          : null;
      AnalyzeOptions options = new AnalyzeOptions(dir, theUrls, services, or(model, or(cfg.model(), "local")), theApp,
          theTools, theTimeout == null ? null : Duration.ofSeconds(theTimeout),
          failOn != null ? RunSupport.severity(failOn) : cfg.failOn(), or(allowMissing, or(cfg.allowMissing(), false)),
          cfg.services());
      ServiceProcesses processes = new ServiceProcesses(ws);
      try (AnalyzerClient client = Clients.create(processes)) {
        Preflight.Plan plan = new Preflight(ws, processes, env, console::say)
            .prepare(client, services, theTools, dir == null ? List.of() : List.of(dir));
        if (launch != null) {
          RunningApp running = cleanup.add(RunningApp.start(launch, ws, console));
          List<String> all = new ArrayList<>(theUrls);
          all.add(running.app().url());
          options = options.withUrls(all);
        }
        return RunSupport.analyzeAndSave(client, plan, options, out == null ? ws.results() : out, console, known)
            .exitCode();
      }
    }
  }

  private static <T> T or(T a, T b) {
    return a != null ? a : b;
  }
}
