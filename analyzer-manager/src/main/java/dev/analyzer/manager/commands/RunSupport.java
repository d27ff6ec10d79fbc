package dev.analyzer.manager.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.report.Consolidated;
import dev.analyzer.manager.report.ResultsWriter;
import dev.analyzer.manager.run.AnalysisRun;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.ProgressPrinter;
import dev.analyzer.manager.run.ServiceOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one app's analysis, saves it, prints the summary and picks the exit code. */
final class RunSupport {

  /** What one app's run produced. */
  record Done(Consolidated consolidated, ResultsWriter.Written files, int exitCode) {}

  private RunSupport() {}

  static Done analyzeAndSave(Workspace ws, AnalyzerClient client, AnalyzeOptions options, Path out, PrintStream console,
      boolean json, boolean quiet) throws IOException {
    ProgressPrinter progress = new ProgressPrinter(quiet || json ? new PrintStream(PrintStream.nullOutputStream()) : console,
        !json && System.console() != null);
    AnalysisRun run = new AnalysisRun(client, options, progress,
        spec -> spec.moduleExists(ws.home()) || System.getenv(spec.urlVariable()) != null);
    Thread onCtrlC = new Thread(() -> {
      run.cancel();
      sleep(500);
    }, "cancel-on-interrupt");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    AnalysisRun.Report report;
    try {
      report = run.execute();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already running: the JVM is exiting after Ctrl-C
      }
    }
    Consolidated c = Consolidated.of(report);
    ResultsWriter.Written files = ResultsWriter.write(out, c);
    int code = exitCode(c, options.failOn());
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task_id", report.taskId());
      m.put("summary", c.summary());
      Map<String, Object> services = new LinkedHashMap<>();
      for (ServiceOutcome o : report.outcomes()) {
        services.put(o.spec().name(), Map.of("state", o.state(), "detail", o.detail()));
      }
      m.put("services", services);
      m.put("results_dir", files.directory().toString());
      m.put("report_html", files.html().toString());
      m.put("exit_code", code);
      console.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
    } else if (!quiet) {
      printSummary(console, c, files);
    }
    return new Done(c, files, code);
  }

  static int exitCode(Consolidated c, Severity failOn) {
    boolean failed = c.report().outcomes().stream().anyMatch(ServiceOutcome::failed);
    if (failed) {
      return ExitCodes.SERVICE_FAILED;
    }
    if (failOn != null && c.countAtLeast(failOn) > 0) {
      return ExitCodes.FINDINGS;
    }
    return ExitCodes.OK;
  }

  static void printSummary(PrintStream out, Consolidated c, ResultsWriter.Written files) {
    out.println();
    out.printf("%-12s %-20s %s%n", "service", "state", "detail");
    for (ServiceOutcome o : c.report().outcomes()) {
      out.printf("%-12s %-20s %s%n", o.spec().name(), o.state(), o.detail());
    }
    @SuppressWarnings("unchecked")
    Map<String, Integer> sev = (Map<String, Integer>) c.summary().get("severity_breakdown");
    out.printf("%nfindings: %d  (critical %d, high %d, medium %d, low %d, info %d)%n", c.findings().size(),
        sev.get("critical"), sev.get("high"), sev.get("medium"), sev.get("low"), sev.get("info"));
    out.println("results:  " + files.directory());
    out.println("report:   " + files.html());
    out.println("json:     " + files.consolidated());
    files.sarif().forEach(s -> out.println("sarif:    " + s));
  }

  static Severity severity(String s) {
    if (s == null) {
      return null;
    }
    return Severity.fromWire(s).orElseThrow(() -> new IllegalArgumentException(
        "--fail-on must be one of critical, high, medium, low, info, got '" + s + "'"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
