package dev.analyzer.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence of a stopping service: once armed, a daemon thread halts the JVM
 * (exit code {@value #HALT_EXIT_CODE}, shutdown hooks skipped) if it is still alive after the
 * budget, so no failure or hang in the drain can keep a service running after SIGTERM.
 * Thread-safe; arming twice keeps the first budget.
 */
final class ShutdownWatchdog {

  static final int HALT_EXIT_CODE = 1;
  /** What {@link AnalyzerServer#shutdown} may take beyond the grace (closing frames, channels, loops). */
  static final Duration MARGIN = Duration.ofSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownWatchdog.class);
  private final AtomicBoolean armed = new AtomicBoolean();
  private final Duration budget;

  /** A watchdog that halts {@code grace} plus {@link #MARGIN} after it is armed. */
  ShutdownWatchdog(Duration grace) {
    this(grace, MARGIN);
  }

  /** A watchdog that halts {@code grace} plus {@code margin} after it is armed. */
  ShutdownWatchdog(Duration grace, Duration margin) {
    this.budget = grace.plus(margin);
  }

  Duration budget() {
    return budget;
  }

  /** Starts the countdown (once). */
  void arm() {
    if (!armed.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(budget.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.error("shutdown did not finish within {} s: halting", budget.toSeconds());
      Runtime.getRuntime().halt(HALT_EXIT_CODE);
    }, "shutdown-watchdog");
    t.setDaemon(true);
    t.start();
  }
}
