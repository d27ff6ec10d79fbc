package dev.analyzer.performance.tools;

import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.performance.generator.LoadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool's record for one URL, in the original's shape ({@code requests_per_second},
 * {@code avg_response_time}, {@code completed_requests}, {@code failed_requests}, ...) plus the
 * {@code load} section of the same shape for every tool. Immutable.
 *
 * @param fields the original's per-tool fields
 * @param load the {@code load} section, or {@code null} when the tool did not run
 * @param builtin the built-in generator's full result (for thresholds), else {@code null}
 */
public record ToolRecord(String tool, ToolStatus status, String error, Map<String, Object> fields,
    Map<String, Object> load, double seconds, LoadResult builtin) {

  public ToolRecord {
    fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A tool that did not run or failed. */
  public static ToolRecord failed(String tool, ToolStatus status, String error, double seconds) {
    return new ToolRecord(tool, status, error, Map.of(), null, seconds, null);
  }

  /** This record filed under the original's name {@code alias} (the figures stay the built-in's, once). */
  public ToolRecord as(String alias) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    f.put("implemented_by", tool);
    return new ToolRecord(alias, status, error, f, null, seconds, null);
  }

  /** The record as the results tree holds it. */
  public ToolResult toToolResult(String url) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("url", url);
    extra.putAll(fields);
    if (load != null) {
      extra.put("load", load);
    }
    return new ToolResult(tool, status, status == ToolStatus.SUCCESS || status == ToolStatus.ERROR && load != null,
        0, Map.of(), List.of(), Math.round(seconds * 1000) / 1000.0, error, extra);
  }

  /** The original's fields for a run whose figures are in {@code load}. */
  static Map<String, Object> originalFields(double rps, double avgMs, long completed, long failed, Double minMs,
      Double maxMs, Double medianMs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests_per_second", Math.round(rps * 100) / 100.0);
    m.put("avg_response_time", avgMs);
    m.put("completed_requests", completed);
    m.put("failed_requests", failed);
    m.put("requests", completed);
    m.put("successful_requests", completed - failed);
    m.put("success_rate", completed == 0 ? 0.0 : Math.round(10000.0 * (completed - failed) / completed) / 100.0);
    m.put("min_response_time", minMs);
    m.put("max_response_time", maxMs);
    m.put("median_response_time", medianMs);
    return m;
  }
}
