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
 * {@code load} section of the same shape for every tool. {@link #toOriginalMap} gives it in the
 * original's words (statuses, {@code executed}) for the reply. Immutable.
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

  /** A tool that ran and failed, with the original's fields of such a run ({@code raw}: command, output, exit code). */
  public static ToolRecord failed(String tool, ToolStatus status, String error, double seconds,
      Map<String, Object> fields) {
    return new ToolRecord(tool, status, error, fields, null, seconds, null);
  }

  /** This record filed under the original's name {@code alias} (the figures stay the built-in's, once). */
  public ToolRecord as(String alias) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    f.put("implemented_by", tool);
    return new ToolRecord(alias, status, error, f, null, seconds, null);
  }

  /**
   * The record as the results tree holds it, with our status; {@code executed} (which fills
   * {@code tools_used}) is true for a run that succeeded, as the original listed only those.
   */
  public ToolResult toToolResult(String url) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("url", url);
    extra.putAll(fields);
    if (load != null) {
      extra.put("load", load);
    }
    return new ToolResult(tool, status, status == ToolStatus.SUCCESS, 0, Map.of(), List.of(),
        Math.round(seconds * 1000) / 1000.0, error, extra);
  }

  /**
   * The record in the original's words: {@code status} in its vocabulary (ours under
   * {@code status_detail} when it differs), {@code executed} true for a tool that ran (failed runs
   * too, as the original), then the tool's fields.
   */
  public Map<String, Object> toOriginalMap(String url) {
    Map<String, Object> m = new LinkedHashMap<>(toToolResult(url).toMap());
    m.put("executed", ran());
    return OriginalStatus.apply(m, status);
  }

  /** The original's short record for {@code tool_results}: {@code status, tool, executed, total_issues}. */
  public Map<String, Object> toOriginalBrief() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status.wire());
    m.put("tool", tool);
    m.put("executed", ran());
    m.put("total_issues", 0);
    m.put("duration_seconds", Math.round(seconds * 1000) / 1000.0);
    if (error != null) {
      m.put("error", error);
    }
    return OriginalStatus.apply(m, status);
  }

  /** True when the tool ran, whatever its outcome (not for a tool missing, skipped or refused before it started). */
  private boolean ran() {
    return switch (status) {
      case NOT_INSTALLED, SKIPPED, NO_FILES -> false;
      case SUCCESS, TIMEOUT, CANCELLED -> true;
      case ERROR -> load != null || fields.containsKey("raw");
    };
  }

  /**
   * The original's fields for a run whose figures are in {@code load}, in its types: counts as
   * integers, times in milliseconds and rates as numbers; a figure the tool did not report is left
   * out (never {@code null}: the original's readers format these as numbers).
   */
  static Map<String, Object> originalFields(double rps, Double avgMs, long completed, long failed, Double minMs,
      Double maxMs, Double medianMs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests_per_second", Math.round(rps * 100) / 100.0);
    putIfKnown(m, "avg_response_time", avgMs);
    m.put("completed_requests", completed);
    m.put("failed_requests", failed);
    m.put("requests", completed);
    m.put("successful_requests", Math.max(0, completed - failed));
    m.put("success_rate", completed == 0 ? 0.0 : Math.round(10000.0 * Math.max(0, completed - failed) / completed)
        / 100.0);
    putIfKnown(m, "min_response_time", minMs);
    putIfKnown(m, "max_response_time", maxMs);
    putIfKnown(m, "median_response_time", medianMs);
    return m;
  }

  private static void putIfKnown(Map<String, Object> m, String key, Double ms) {
    if (ms != null && !ms.isNaN() && !ms.isInfinite()) {
      m.put(key, ms);
    }
  }

  /**
   * The original's {@code raw} of an external tool's run: the command as a list, stdout (first
   * 12000 characters) and stderr (first 4000), the exit code and the wall time in seconds.
   */
  static Map<String, Object> raw(List<String> command, String stdout, String stderr, int exitCode, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", List.copyOf(command));
    m.put("stdout", head(stdout, 12_000));
    m.put("stderr", head(stderr, 4_000));
    m.put("exit_code", exitCode);
    m.put("duration", Math.round(seconds * 1000) / 1000.0);
    return m;
  }

  private static String head(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max);
  }
}
