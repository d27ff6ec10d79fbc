package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared handling of external tool runs: detection, execution records, failures. Stateless. */
public final class ExternalTools {

  private static final int STDERR_SHOWN = 500;

  private ExternalTools() {}

  /** The tool's version line ({@code <tool> --version}), or null when it is not installed or fails. */
  public static String detect(ProcessRunner runner, String executable) {
    if (ProcessRunner.which(executable).isEmpty()) {
      return null;
    }
    ProcessResult r = runner.run(ProcessSpec.of(executable, "--version").withTimeout(Duration.ofSeconds(10)));
    if (r.termination() != ProcessResult.Termination.EXITED) {
      return null;
    }
    String out = (r.stdout() + "\n" + r.stderr()).strip();
    for (String line : out.split("\n")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)").matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    return r.exitCode() == 0 ? "unknown" : null;
  }

  /** The original's execution record: command, exit code, duration, output sizes, plus the sandbox used. */
  static Map<String, Object> record(ProcessResult r, java.util.List<String> command, String sandbox) {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("cmd", command);
    rec.put("sandbox", sandbox);
    rec.put("exit_code", r.exitCode());
    rec.put("duration", r.duration().toMillis() / 1000.0);
    rec.put("stdout_size", r.stdout().length());
    rec.put("stderr_size", r.stderr().length());
    rec.put("stdout_truncated", r.stdoutTruncated());
    return Map.of("execution_record", rec, "exit_code", r.exitCode() == null ? -1 : r.exitCode());
  }

  /**
   * The failed run's result; {@code error} and {@code stderr} are the runner's error and the tool's
   * stderr as the reply may show them (workspace paths already made relative).
   */
  static ToolRun failure(ProcessResult r, String tool, String error, String stderr, Map<String, Object> extra) {
    switch (r.termination()) {
      case TIMED_OUT:
        return ToolRun.failed(ToolStatus.TIMEOUT, error, extra);
      case CANCELLED:
        return ToolRun.failed(ToolStatus.CANCELLED, "analysis cancelled", extra);
      case START_FAILED:
        return ToolRun.failed(ToolStatus.ERROR, error, extra);
      default:
        String err = stderr.strip();
        return ToolRun.failed(ToolStatus.ERROR, tool + " exited with " + r.exitCode() + ". Stderr: "
            + (err.length() > STDERR_SHOWN ? err.substring(0, STDERR_SHOWN) : err), extra);
    }
  }

  /** True when {@code stderr} shows a Python crash (a traceback), not just warnings. */
  static boolean crashed(String stderr) {
    return stderr != null && (stderr.contains("Traceback (most recent call last)")
        || stderr.contains("Fatal Python error"));
  }

  /**
   * True when a tool that always writes a JSON report to stdout (bandit, ESLint, shellcheck: an empty
   * list or object when there is nothing to report) exited normally with nothing there: it crashed
   * before reporting, whatever its exit code says.
   */
  static boolean reportMissing(ProcessResult r) {
    return r.stdout().isBlank();
  }

  /** The result of a tool that crashed though its exit code looked normal: error with the stderr tail. */
  static ToolRun crash(String tool, String stderr, Integer exitCode, Map<String, Object> extra) {
    String err = stderr == null ? "" : stderr.strip();
    String tail = err.length() > STDERR_SHOWN ? err.substring(err.length() - STDERR_SHOWN) : err;
    return ToolRun.failed(ToolStatus.ERROR, tool + " crashed (exit " + exitCode + ", no results)"
        + (tail.isEmpty() ? "" : ". Stderr tail: " + tail), extra);
  }
}
