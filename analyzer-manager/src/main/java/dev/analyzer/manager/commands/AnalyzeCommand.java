package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.services.ServiceProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code analyzer analyze}: the requested analyses of one app, in parallel, saved and summarized. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Analyze one app with the requested services in parallel; save JSON, SARIF and an HTML report.")
public final class AnalyzeCommand implements Callable<Integer> {

  @Option(names = "--source", paramLabel = "DIR", description = "The app's source directory (static, ai).")
  Path source;

  @Option(names = "--url", paramLabel = "URL", arity = "1..*", description = "The running app's URLs (dynamic, performance, ai).")
  List<String> urls = new ArrayList<>();

  @Option(names = "--types", paramLabel = "TYPES", split = ",", defaultValue = "comprehensive",
      description = "static,dynamic,performance,ai or comprehensive (default: ${DEFAULT-VALUE}).")
  List<String> types;

  @Option(names = "--model", defaultValue = "local", description = "Model slug the results are filed under (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--app", defaultValue = "1", description = "App number (default: ${DEFAULT-VALUE}).")
  int app;

  @Option(names = "--tools", split = ",", paramLabel = "TOOLS", description = "Only these tools (default: all).")
  List<String> tools = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline per analysis (default: each service's).")
  Integer timeout;

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/ in the project).")
  Path out;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit 1 when a finding is at least this severe.")
  String failOn;

  @Option(names = "--json", description = "Print the summary as JSON only.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (source != null && !Files.isDirectory(source)) {
      throw new IllegalArgumentException("--source " + source + " is not a directory");
    }
    if (timeout != null && timeout < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeout);
    }
    if (app < 0) {
      throw new IllegalArgumentException("--app must be >= 0, got " + app);
    }
    Workspace ws = Workspace.fromEnvironment();
    AnalyzeOptions options = new AnalyzeOptions(source, urls, Selection.services(types), model, app, tools,
        timeout == null ? null : Duration.ofSeconds(timeout), RunSupport.severity(failOn));
    try (AnalyzerClient client = Clients.create(new ServiceProcesses(ws))) {
      return RunSupport.analyzeAndSave(ws, client, options, out == null ? ws.results() : out, System.out, json, false)
          .exitCode();
    }
  }
}
