package dev.analyzer.service.process.internal;

import java.time.Duration;

/**
 * The delay before restart number {@code n} of a daemon: {@code initial * 2^(n-1)}, capped at
 * {@code max}. Immutable and thread-safe.
 *
 * @param initial delay before the first restart, > 0
 * @param max largest delay, >= initial
 */
public record RestartBackoff(Duration initial, Duration max) {

  public RestartBackoff {
    if (initial == null || initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("daemon restart backoff initial delay must be > 0, got " + initial);
    }
    if (max == null || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("daemon restart backoff max delay must be >= initial " + initial
          + ", got " + max);
    }
  }

  /** The delay before restart {@code attempt} (1 for the first restart after a failure). */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("restart attempt must be >= 1, got " + attempt);
    }
    int shift = Math.min(attempt - 1, 40);
    long nanos = initial.toNanos();
    long grown = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
    return grown >= max.toNanos() ? max : Duration.ofNanos(grown);
  }
}
