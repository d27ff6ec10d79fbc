package dev.analyzer.queue;

import java.util.Optional;

/**
 * Tells a running {@link QueueHandler} that its analysis should stop: the caller cancelled it
 * ({@code <prefix>.cancel.<id>}) or the worker is handing it back on shutdown. Fires at most once.
 * Thread-safe.
 */
public interface CancellationSignal {

  /** True once the signal has fired. */
  boolean isCancelled();

  /** Why it fired ({@code cancelled by the caller: ...}, {@code worker shutting down}), once fired. */
  Optional<String> reason();

  /**
   * Runs {@code action} when the signal fires, on the thread that fires it, or at once when it
   * has fired already. The action must not block.
   */
  void onCancel(Runnable action);
}
