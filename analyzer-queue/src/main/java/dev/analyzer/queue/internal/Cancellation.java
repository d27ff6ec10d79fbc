package dev.analyzer.queue.internal;

import dev.analyzer.queue.CancellationSignal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link CancellationSignal} that fires once, by {@link #cancel(String)}. Thread-safe. */
public final class Cancellation implements CancellationSignal {

  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);
  private final CompletableFuture<String> fired = new CompletableFuture<>();

  /** Fires the signal with {@code reason}; true when this call fired it. */
  public boolean cancel(String reason) {
    return fired.complete(reason);
  }

  @Override
  public boolean isCancelled() {
    return fired.isDone();
  }

  @Override
  public Optional<String> reason() {
    return Optional.ofNullable(fired.getNow(null));
  }

  @Override
  public void onCancel(Runnable action) {
    fired.thenRun(() -> {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("a cancel action failed: {}", e.toString());
      }
    });
  }
}
