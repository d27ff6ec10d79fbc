package dev.analyzer.performance.generator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running load test. {@link #cancel()} stops the load within a second (connections closed, the
 * figures so far reported with {@code cancelled} true). Thread-safe.
 */
public final class LoadRun {

  private final CompletableFuture<LoadResult> result;
  private final Runnable canceller;

  LoadRun(CompletableFuture<LoadResult> result, Runnable canceller) {
    this.result = result;
    this.canceller = canceller;
  }

  /** Completes with the result when the run ended (or was cancelled); fails only on an internal error. */
  public CompletableFuture<LoadResult> result() {
    return result;
  }

  /** Stops the load now; the result still completes (with {@code cancelled}). Idempotent. */
  public void cancel() {
    canceller.run();
  }

  /**
   * Waits for the result.
   *
   * @throws IllegalStateException when the run failed or did not end within {@code max}
   */
  public LoadResult await(Duration max) throws InterruptedException {
    try {
      return result.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("load run failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("load run did not end within " + max, e);
    }
  }
}
