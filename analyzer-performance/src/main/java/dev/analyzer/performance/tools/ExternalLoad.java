package dev.analyzer.performance.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code load} section of an external tool, in the built-in's shape so results compare field by
 * field; figures a tool does not report are {@code null}. Every external tool here is a closed
 * model (its connections wait for each answer), so its latencies are not coordinated-omission
 * corrected, except where the tool itself says otherwise ({@link #withCorrection}). Not thread-safe.
 */
final class ExternalLoad {

  private final Map<String, Object> m = new LinkedHashMap<>();
  private final Map<String, Object> errors = new LinkedHashMap<>();
  private final Map<String, Object> byStatus = new LinkedHashMap<>();
  private Map<String, Object> latency;
  private Map<String, Object> uncorrected;
  private String coNote = "closed model: the tool's connections wait for each answer, so these latencies are "
      + "uncorrected for coordinated omission";
  private boolean corrected;

  ExternalLoad(String tool, String label, String target, int connections, double durationSeconds) {
    m.put("tool", tool);
    m.put("label", label);
    m.put("model", "closed");
    m.put("target", target);
    m.put("target_rate", null);
    m.put("connections", connections);
    m.put("duration_seconds", durationSeconds);
    errors.put("connect", null);
    errors.put("read", null);
    errors.put("timeout", null);
    errors.put("non_2xx", null);
    errors.put("total", null);
  }

  ExternalLoad rate(double achieved) {
    m.put("achieved_rate", Math.round(achieved * 100) / 100.0);
    return this;
  }

  ExternalLoad requests(long requests) {
    m.put("requests", requests);
    return this;
  }

  ExternalLoad error(String kind, Long n) {
    errors.put(kind, n);
    return this;
  }

  ExternalLoad status(int code, long n) {
    byStatus.put(String.valueOf(code), n);
    return this;
  }

  ExternalLoad bytesPerSecond(Double b) {
    m.put("bytes_per_second", b == null ? null : Math.round(b * 100) / 100.0);
    return this;
  }

  /** Latency percentiles in ms (any may be null). */
  ExternalLoad latency(Double p50, Double p90, Double p99, Double p999, Double max, Double mean) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("p50", p50);
    l.put("p90", p90);
    l.put("p95", null);
    l.put("p99", p99);
    l.put("p99_9", p999);
    l.put("max", max);
    l.put("mean", mean);
    if (corrected) {
      latency = l;
    } else {
      latency = l;
      uncorrected = l;
    }
    return this;
  }

  ExternalLoad p95(Double p95) {
    if (latency != null) {
      latency.put("p95", p95);
    }
    return this;
  }

  /** The tool corrected its own figures as {@code note} says; the uncorrected ones are not reported. */
  ExternalLoad withCorrection(String note) {
    corrected = true;
    coNote = note;
    return this;
  }

  Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>(m);
    Long total = null;
    long t = 0;
    boolean any = false;
    for (String k : new String[] {"connect", "read", "timeout", "non_2xx"}) {
      if (errors.get(k) instanceof Long n) {
        t += n;
        any = true;
      }
    }
    if (any) {
      total = t;
    }
    Map<String, Object> e = new LinkedHashMap<>(errors);
    e.put("total", total);
    e.put("by_status", byStatus);
    out.put("errors", e);
    out.put("latency_ms", latency);
    out.put("latency_uncorrected_ms", corrected ? null : uncorrected);
    Map<String, Object> co = new LinkedHashMap<>();
    co.put("corrected", corrected);
    co.put("note", coNote);
    out.put("coordinated_omission", co);
    out.put("series", null);
    return out;
  }
}
