package dev.analyzer.service.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs external tools for one analysis. Every process it starts is registered with the analysis, so
 * that cancellation, the deadline, a client disconnect or shutdown kill the process and all its
 * descendants; a spec's own timeout does the same. Output is captured up to the spec's caps and
 * the rest drained, so a chatty tool can never block.
 *
 * <p>Thread-safe: an analysis may run several tools in parallel through one runner.
 */
public interface ProcessRunner {

  /**
   * Runs {@code spec} and waits for it. Never throws for the process's own failures: a missing
   * executable, a timeout or a cancellation is reported in the result's termination.
   */
  ProcessResult run(ProcessSpec spec);

  /** The executable's path on PATH (or {@code name} itself when it is a path), if it is executable. */
  static Optional<Path> which(String name) {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
