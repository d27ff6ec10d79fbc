package dev.analyzer.performance.generator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario's share of a run. Immutable.
 *
 * @param latency corrected in the open model, equal to {@code uncorrected} in the closed model
 */
public record ScenarioResult(String name, String method, String path, int weight, long requests, long errors,
    LatencySummary latency, LatencySummary uncorrected) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("method", method);
    m.put("path", path);
    m.put("weight", weight);
    m.put("requests", requests);
    m.put("errors", errors);
    m.put("latency_ms", latency.toMap());
    m.put("latency_uncorrected_ms", uncorrected.toMap());
    return m;
  }
}
