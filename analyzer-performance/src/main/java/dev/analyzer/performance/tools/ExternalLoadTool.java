package dev.analyzer.performance.tools;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.process.ProcessResult;
import java.nio.file.Path;

/**
 * What the external load tools (wrk, ab, hey, locust) share: their name, executable and version,
 * and the records of a run that was cancelled or failed. Subclasses are immutable and thread-safe.
 */
abstract class ExternalLoadTool implements LoadTool {

  private final String name;
  private final Path executable;
  private final String version;

  /**
   * @param executable the tool's path, or {@code null} when it is not installed
   * @param version its version, or {@code null}
   */
  ExternalLoadTool(String name, Path executable, String version) {
    this.name = name;
    this.executable = executable;
    this.version = version;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean available() {
    return executable != null;
  }

  @Override
  public final String version() {
    return version;
  }

  /** The executable; only called when {@link #available()}. */
  final Path executable() {
    return executable;
  }

  /** The record of a run cancelled after {@code took} seconds. */
  final ToolRecord cancelled(double took) {
    return ToolRecord.failed(name, ToolStatus.CANCELLED, "cancelled", took);
  }

  /** The record of a run that timed out or failed: its termination, exit code and output tail. */
  final ToolRecord failed(ProcessResult r, double took) {
    return ToolRecord.failed(name, r.termination() == ProcessResult.Termination.TIMED_OUT ? ToolStatus.TIMEOUT
        : ToolStatus.ERROR, name + " failed (" + r.termination() + ", exit " + r.exitCode() + "): "
        + WrkTool.tail(r.stderr().isBlank() ? r.stdout() : r.stderr()), took,
        java.util.Map.of("raw", ToolRecord.raw(r.command(), r.stdout(), r.stderr(),
            r.exitCode() == null ? -1 : r.exitCode(), took)));
  }
}
