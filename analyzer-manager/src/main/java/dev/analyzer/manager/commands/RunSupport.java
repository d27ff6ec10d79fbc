package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.report.Baseline;
import dev.analyzer.manager.report.Consolidated;
import dev.analyzer.manager.report.ResultsWriter;
import dev.analyzer.manager.run.AnalysisRun;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.Preflight;
import dev.analyzer.manager.run.ProgressPrinter;
import dev.analyzer.manager.run.RunStatus;
import dev.analyzer.manager.run.ServiceOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Runs one app's analysis, saves it, prints the outcome and picks the exit code. */
final class RunSupport {

  /** What one app's run produced. */
  record Done(Consolidated consolidated, ResultsWriter.Written files, int exitCode) {}

  private RunSupport() {}

  static Done analyzeAndSave(AnalyzerClient client, Preflight.Plan plan, AnalyzeOptions options, Path out,
      Console console) throws IOException {
    return analyzeAndSave(client, plan, options, out, console, null);
  }

  /** As above, reporting only the findings {@code baseline} lacks (null: all). */
  static Done analyzeAndSave(AnalyzerClient client, Preflight.Plan plan, AnalyzeOptions options, Path out,
      Console console, Baseline baseline) throws IOException {
    ProgressPrinter progress = console.chatty()
        ? new ProgressPrinter(console.out(), System.console() != null && console.colors().enabled()) : ProgressPrinter.silent();
    AnalysisRun run = new AnalysisRun(client, options, progress, plan, Clock.systemUTC());
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
    Consolidated c = Consolidated.of(report, baseline);
    ResultsWriter.Written files = ResultsWriter.write(out, c);
    int code = exitCode(c, options);
    Outputs.emit(console, c, files, code);
    return new Done(c, files, code);
  }

  /**
   * 3 when a requested analysis failed, or is missing without {@code --allow-missing} (also with
   * {@code --fail-on}: an incomplete run never passes as clean); else 1 for a finding at or above
   * {@code --fail-on} or a load-test threshold that failed (k6 style: thresholds decide, with or
   * without {@code --fail-on}); else 0.
   */
  static int exitCode(Consolidated c, AnalyzeOptions options) {
    RunStatus s = c.status();
    boolean failed = c.report().outcomes().stream().anyMatch(ServiceOutcome::failed);
    if (failed || (s.lacksAnalyses() && !(options.allowMissing() && s.missingOnly()))) {
      return ExitCodes.SERVICE_FAILED;
    }
    if (options.failOn() != null && c.countAtLeast(options.failOn()) > 0) {
      return ExitCodes.FINDINGS;
    }
    if (!failedThresholds(c).isEmpty()) {
      return ExitCodes.FINDINGS;
    }
    return ExitCodes.OK;
  }

  /** The load-test thresholds that failed, as the performance service names them ({@code URL: p95 < 200ms (actual ...)}). */
  static List<String> failedThresholds(Consolidated c) {
    List<String> out = new ArrayList<>();
    for (ServiceOutcome o : c.report().outcomes()) {
      if (o.reply() instanceof AnalysisResult r && r.analysis() != null
          && Boolean.FALSE.equals(r.analysis().summary().get("thresholds_passed"))
          && r.analysis().summary().get("thresholds_failed") instanceof List<?> failed) {
        failed.forEach(f -> out.add(String.valueOf(f)));
      }
    }
    return out;
  }

  static Severity severity(String s) {
    if (s == null) {
      return null;
    }
    return Severity.fromWire(s).orElseThrow(() -> new IllegalArgumentException(
        "--fail-on must be one of critical, high, medium, low, info, got '" + s + "'"));
  }

  static Workspace workspace() {
    return Workspace.fromEnvironment();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
