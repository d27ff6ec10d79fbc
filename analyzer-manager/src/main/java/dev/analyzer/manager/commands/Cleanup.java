package dev.analyzer.manager.commands;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a command must undo on the way out (a started app, a temporary clone), in reverse order, on
 * {@link #close()} and from a shutdown hook when the user presses Ctrl-C. Thread-safe.
 */
final class Cleanup implements AutoCloseable {

  private final Deque<AutoCloseable> steps = new ArrayDeque<>();
  private final Thread hook = new Thread(this::runAll, "cleanup-on-exit");

  Cleanup() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized <T extends AutoCloseable> T add(T step) {
    steps.push(step);
    return step;
  }

  @Override
  public void close() {
    runAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs the steps
    }
  }

  private void runAll() {
    while (true) {
      AutoCloseable step;
      synchronized (this) {
        step = steps.poll();
      }
      if (step == null) {
        return;
      }
      try {
        step.close();
      } catch (Exception ignored) {
        // best effort on the way out; the next step still runs
      }
    }
  }
}
