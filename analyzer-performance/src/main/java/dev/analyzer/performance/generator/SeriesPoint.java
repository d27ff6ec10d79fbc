package dev.analyzer.performance.generator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One second of the measured part, for plotting. Immutable.
 *
 * @param second 1 for the first second after the warm-up
 * @param rate answers per second in it
 * @param p50 median latency of its answers, ms (corrected in the open model)
 * @param p99 99th percentile, ms (corrected in the open model)
 * @param errors failed requests in it
 */
public record SeriesPoint(int second, double rate, double p50, double p99, long errors) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("second", second);
    m.put("rate", rate);
    m.put("p50", p50);
    m.put("p99", p99);
    m.put("errors", errors);
    return m;
  }
}
