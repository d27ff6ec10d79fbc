package dev.analyzer.ai.review;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a reviewer needs from its analysis: whether it was cancelled, a hook run on cancellation
 * (to close a stream at once), the deadline of all model calls, the clock, and progress.
 * Immutable; the callbacks must be thread-safe.
 *
 * @param cancelled true once the analysis is cancelled
 * @param onCancel registers a hook run once on cancellation (at once when already cancelled)
 * @param deadline when all model calls of the analysis must have ended
 * @param clock the service clock
 * @param progress called with (done, total) after each requirement
 */
public record ReviewControl(BooleanSupplier cancelled, Consumer<Runnable> onCancel, Instant deadline, Clock clock,
    Progress progress) {

  /** Progress callback. */
  @FunctionalInterface
  public interface Progress {
    void done(int completed, int total);
  }

  /** A control that is never cancelled, with {@code deadline} far away. */
  public static ReviewControl unbounded(Clock clock) {
    return new ReviewControl(() -> false, r -> { }, Instant.MAX, clock, (a, b) -> { });
  }
}
