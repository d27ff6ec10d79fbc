package dev.analyzer.performance.generator;

import java.time.Duration;

/**
 * One ramp of an open-model load: over {@code duration} the arrival rate moves linearly from where
 * the previous stage ended (0 for the first) to {@code targetRate}. Immutable.
 *
 * @param duration how long the ramp lasts; &gt; 0
 * @param targetRate requests per second at its end; &gt;= 0
 */
public record Stage(Duration duration, double targetRate) {

  public Stage {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("stage duration must be > 0, got " + duration);
    }
    if (!(targetRate >= 0) || Double.isInfinite(targetRate)) {
      throw new IllegalArgumentException("stage target_rate must be >= 0 requests/s, got " + targetRate);
    }
  }
}
