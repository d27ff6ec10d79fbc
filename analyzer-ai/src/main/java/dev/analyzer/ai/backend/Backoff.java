package dev.analyzer.ai.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Retry delays: {@code Retry-After} when the provider sent one (delta-seconds or an HTTP-date), else
 * {@code base * 2^(attempt-1)} with full jitter in its upper half; always at most {@code max}.
 * Immutable; thread-safe if the random source is.
 *
 * @param base first delay
 * @param max cap of every delay, Retry-After included
 * @param random a source of numbers in [0, 1)
 */
public record Backoff(Duration base, Duration max, DoubleSupplier random) {

  /** The delay before retry number {@code retry} (1-based). */
  public Duration delay(int retry, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      Duration d = retryAfter.get();
      return d.isNegative() ? Duration.ZERO : d.compareTo(max) > 0 ? max : d;
    }
    double exp = base.toMillis() * Math.pow(2, Math.min(30, retry - 1));
    double jittered = exp * (0.5 + 0.5 * random.getAsDouble());
    return Duration.ofMillis((long) Math.min(max.toMillis(), jittered));
  }

  /**
   * The wait a {@code Retry-After} value asks for: delta-seconds, or an HTTP-date relative to
   * {@code clock}; empty when absent or unreadable.
   */
  public static Optional<Duration> retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.strip();
    try {
      double seconds = Double.parseDouble(h);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
