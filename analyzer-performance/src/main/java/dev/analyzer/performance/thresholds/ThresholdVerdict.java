package dev.analyzer.performance.thresholds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one threshold. Immutable.
 *
 * @param actual the measured value, in the threshold's unit (ms for latencies, a fraction for rates of errors)
 */
public record ThresholdVerdict(String threshold, String metric, String operator, double limit, double actual,
    boolean passed) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", threshold);
    m.put("metric", metric);
    m.put("operator", operator);
    m.put("limit", limit);
    m.put("actual", Math.round(actual * 10000) / 10000.0);
    m.put("passed", passed);
    return m;
  }
}
