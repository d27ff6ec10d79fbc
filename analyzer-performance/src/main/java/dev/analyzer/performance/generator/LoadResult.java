package dev.analyzer.performance.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one load test of one target, measured part only (the warm-up is left out).
 * Immutable.
 *
 * @param model open or closed
 * @param target the URL loaded
 * @param targetRate the offered rate (open model: scheduled requests of the measured part per
 *     second), or {@code null} in the closed model
 * @param achievedRate answered or failed requests per second of the measured part
 * @param durationSeconds the measured part's length (shorter when cancelled)
 * @param connections connections the plan used
 * @param sent requests sent in the measured part
 * @param requests requests completed (answered or failed) in the measured part
 * @param unfinished requests still unanswered when the run closed its connections (after the
 *     drain), counted neither as requests nor as errors
 * @param errors failed requests by class
 * @param bytesReceived response bytes (head and body) of the measured answers
 * @param latency coordinated-omission corrected (from the intended send time) in the open model;
 *     in the closed model the same as {@code latencyUncorrected}, see {@code corrected}
 * @param latencyUncorrected from the actual send time
 * @param corrected true when {@code latency} counts from the intended send time
 * @param scheduleLag open model: how long after its due time each request left, else empty
 * @param late open model: requests that left more than {@code late_after} after their due time
 * @param dropped open model: requests never sent (no free connection within the timeout, or due when the run ended)
 * @param series one point per second
 * @param scenarios per scenario
 * @param bottleneck where the limit was
 * @param cancelled true when the run was cancelled before its end
 * @param transport {@code epoll} or {@code nio}
 */
public record LoadResult(WorkloadModel model, String target, Double targetRate, double achievedRate,
    double durationSeconds, int connections, long sent, long requests, long unfinished, ErrorCounts errors, long bytesReceived,
    LatencySummary latency, LatencySummary latencyUncorrected, boolean corrected, LatencySummary scheduleLag,
    long late, long dropped, List<SeriesPoint> series, List<ScenarioResult> scenarios, Bottleneck bottleneck,
    boolean cancelled, String transport) {

  public LoadResult {
    series = List.copyOf(series);
    scenarios = List.copyOf(scenarios);
  }

  /** Failed requests over completed ones, 0..1 (0 when nothing completed). */
  public double errorRate() {
    return requests == 0 ? 0 : (double) errors.total() / requests;
  }

  /** Response bytes per second of the measured part. */
  public double bytesPerSecond() {
    return durationSeconds <= 0 ? 0 : bytesReceived / durationSeconds;
  }

  /** The {@code load} section of the wire result (names fixed by the protocol). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", "builtin");
    m.put("model", model.wire());
    m.put("target", target);
    m.put("target_rate", targetRate == null ? null : round(targetRate));
    m.put("achieved_rate", round(achievedRate));
    m.put("duration_seconds", round(durationSeconds));
    m.put("connections", connections);
    m.put("requests_sent", sent);
    m.put("requests", requests);
    m.put("unfinished", unfinished);
    m.put("error_rate", errorRate());
    m.put("errors", errors.toMap());
    m.put("bytes_received", bytesReceived);
    m.put("bytes_per_second", round(bytesPerSecond()));
    m.put("latency_ms", latency.toMap());
    m.put("latency_uncorrected_ms", latencyUncorrected.toMap());
    Map<String, Object> co = new LinkedHashMap<>();
    co.put("corrected", corrected);
    co.put("note", corrected
        ? "latency_ms counts from each request's intended send time (coordinated omission corrected); "
            + "latency_uncorrected_ms from the moment it was actually sent"
        : "closed model: each connection waits for its answer before sending again, so a stall delays the "
            + "requests that would have been sent; latency_ms is uncorrected (equal to latency_uncorrected_ms) "
            + "and understates the latency users arriving at a fixed rate would see; use the open model for that");
    m.put("coordinated_omission", co);
    if (model == WorkloadModel.OPEN) {
      m.put("schedule_lag_ms", scheduleLag.toMap());
      m.put("late", late);
      m.put("dropped", dropped);
    }
    List<Object> s = new ArrayList<>();
    series.forEach(p -> s.add(p.toMap()));
    m.put("series", s);
    List<Object> sc = new ArrayList<>();
    scenarios.forEach(p -> sc.add(p.toMap()));
    m.put("scenarios", sc);
    m.put("bottleneck", bottleneck.toMap());
    m.put("cancelled", cancelled);
    m.put("transport", transport);
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
