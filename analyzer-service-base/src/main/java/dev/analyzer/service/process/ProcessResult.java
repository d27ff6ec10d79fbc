package dev.analyzer.service.process;

import java.time.Duration;
import java.util.List;

/**
 * How a process ended and what it wrote.
 *
 * @param command what ran
 * @param pid the process id, or -1 when it never started
 * @param termination how it ended
 * @param exitCode the exit code when it exited, else {@code null}
 * @param stdout captured standard output (UTF-8, up to the spec's cap)
 * @param stderr captured standard error (UTF-8, up to the spec's cap)
 * @param stdoutTruncated whether stdout went past its cap
 * @param stderrTruncated whether stderr went past its cap
 * @param duration wall time
 * @param error why it did not start or was stopped, else {@code null}
 */
public record ProcessResult(List<String> command, long pid, Termination termination, Integer exitCode,
    String stdout, String stderr, boolean stdoutTruncated, boolean stderrTruncated, Duration duration,
    String error) {

  /** How a process ended. */
  public enum Termination {
    /** It exited by itself; see the exit code. */
    EXITED,
    /** It ran past the spec's timeout and its tree was killed. */
    TIMED_OUT,
    /** The analysis was cancelled (cancel, deadline, disconnect or shutdown) and its tree was killed. */
    CANCELLED,
    /** It could not start (executable missing, directory missing, permission). */
    START_FAILED
  }

  /** True when it exited with code 0. */
  public boolean succeeded() {
    return termination == Termination.EXITED && exitCode != null && exitCode == 0;
  }

  /** True when it exited and its code is one of {@code okCodes}. */
  public boolean exitedWithOneOf(int... okCodes) {
    if (termination != Termination.EXITED || exitCode == null) {
      return false;
    }
    for (int c : okCodes) {
      if (c == exitCode) {
        return true;
      }
    }
    return false;
  }
}
