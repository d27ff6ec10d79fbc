package dev.analyzer.performance.generator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds (microsecond resolution, HdrHistogram with 3 significant
 * digits). Immutable.
 *
 * @param count the number of latencies recorded
 * @param min the lowest latency recorded
 */
public record LatencySummary(long count, double mean, double min, double p50, double p90, double p95, double p99, double p99_9,
    double max) {

  /** An empty summary (nothing recorded). */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The summary of {@code h}, whose values are microseconds. */
  public static LatencySummary of(Histogram h) {
    if (h == null || h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(h.getTotalCount(), ms(h.getMean()), ms(h.getMinValue()), ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
  }

  private static double ms(double micros) {
    return Math.round(micros) / 1000.0;
  }

  /** The percentile named {@code p} (50, 90, 95, 99, 99.9, 100 = max), for thresholds. */
  public double percentile(double p) {
    if (p == 50) {
      return p50;
    } else if (p == 90) {
      return p90;
    } else if (p == 95) {
      return p95;
    } else if (p == 99) {
      return p99;
    } else if (p == 99.9) {
      return p99_9;
    } else if (p == 100) {
      return max;
    }
    throw new IllegalArgumentException("percentile must be 50, 90, 95, 99, 99.9 or 100, got " + p);
  }

  /** {@code {p50, p90, p95, p99, p99_9, max, mean, min, count}}, milliseconds. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", p50);
    m.put("p90", p90);
    m.put("p95", p95);
    m.put("p99", p99);
    m.put("p99_9", p99_9);
    m.put("max", max);
    m.put("mean", mean);
    m.put("min", min);
    m.put("count", count);
    return m;
  }
}
