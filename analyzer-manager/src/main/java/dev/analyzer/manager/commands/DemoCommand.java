package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code analyzer demo}: starts the services that are built and the bundled sample app
 * (examples/sample-app, python3 standard library only), runs a comprehensive analysis on it, prints
 * the summary and the report paths, and stops everything it started, also when interrupted.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the services and the bundled sample app, analyze it, print the report paths, stop all.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/).")
  Path out;

  @Option(names = "--json", description = "Print the summary as JSON only.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Workspace ws = Workspace.fromEnvironment();
    Path app = ws.examples().resolve("sample-app");
    if (!Files.isDirectory(app)) {
      throw new IllegalArgumentException("the sample app is missing: " + app + " (run from the project directory)");
    }
    ServiceProcesses processes = new ServiceProcesses(ws);
    List<ServiceSpec> startedHere = new ArrayList<>();
    Process[] sample = new Process[1];
    Runnable cleanup = () -> {
      if (sample[0] != null) {
        sample[0].destroy();
        try {
          if (!sample[0].waitFor(5, TimeUnit.SECONDS)) {
            sample[0].destroyForcibly();
          }
        } catch (InterruptedException e) {
          sample[0].destroyForcibly();
          Thread.currentThread().interrupt();
        }
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
      Map<String, String> env = new HashMap<>(StartCommand.serviceEnvironment(ws));
      env.put("ANALYZER_SOURCE_ROOTS", env.get("ANALYZER_SOURCE_ROOTS") + ":" + ws.examples());
      for (ServiceSpec spec : ServiceSpec.ALL) {
        if (!spec.built(ws.home())) {
          say(spec.name() + ": " + (spec.moduleExists(ws.home()) ? "not built" : "not built yet (module to come)"));
          continue;
        }
        if (processes.running(spec).isEmpty()) {
          say(spec.name() + ": starting");
          processes.start(spec, true, env);
          startedHere.add(spec);
        }
        say(spec.name() + ": ready at " + processes.running(spec).map(ServiceProcesses.Running::url).orElse("?"));
      }
      int port = freePort();
      sample[0] = startSampleApp(ws, app, port);
      String url = "http://127.0.0.1:" + port;
      say("sample app: " + url + " (" + app + ")");
      AnalyzeOptions options = new AnalyzeOptions(app, List.of(url), ServiceSpec.ALL, "demo", 1, List.of(), null, null);
      try (AnalyzerClient client = Clients.create(processes)) {
        return RunSupport.analyzeAndSave(ws, client, options, out == null ? ws.results() : out, System.out, json, false)
            .exitCode();
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

  private void say(String line) {
    if (!json) {
      System.out.println(line);
    }
  }

  private static Process startSampleApp(Workspace ws, Path app, int port) throws IOException, InterruptedException {
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    Path log = ws.logs().resolve("sample-app.log");
    Process p = new ProcessBuilder(python, app.resolve("backend/app.py").toString(), "--port", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IOException("the sample app exited with " + p.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IOException("the sample app did not answer within 20 s; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
