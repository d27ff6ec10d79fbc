package dev.analyzer.ai.report;

import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool's outcome: its status, the original's record fields, and why it failed. Immutable.
 *
 * @param tool {@code requirements-scanner} or {@code code-quality-analyzer}
 * @param status what happened
 * @param record the original's tool record ({@code metadata}, {@code results}, ...) without status and tool_name
 * @param error why it failed, or null
 * @param durationSeconds wall time
 * @param problems its findings: unmet requirements and failed endpoint tests the app answered, or failed
 *     metrics (total_issues)
 */
public record ToolOutcome(String tool, ToolStatus status, Map<String, Object> record, String error,
    double durationSeconds, int problems) {

  /** A failed tool with {@code error}. */
  public static ToolOutcome failed(String tool, ToolStatus status, String error, Map<String, Object> record) {
    return new ToolOutcome(tool, status, record, error, 0, 0);
  }

  /**
   * The record as the original shaped it: {@code status} (the original's word, ours under
   * {@code status_detail} when it differs), {@code tool_name}, then the fields.
   */
  public Map<String, Object> originalRecord() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", OriginalStatus.of(status));
    if (!OriginalStatus.of(status).equals(status.wire())) {
      m.put("status_detail", status.wire());
    }
    m.put("tool_name", tool);
    if (error != null) {
      m.put("error", error);
    }
    m.putAll(record);
    return m;
  }

  /** The same as a {@link ToolResult} for {@code analysis.results}. */
  public ToolResult toToolResult() {
    Map<String, Object> extra = new LinkedHashMap<>(originalRecord());
    extra.remove("status");
    extra.remove("status_detail");
    extra.remove("error");
    return new ToolResult(tool, status, status == ToolStatus.SUCCESS || status == ToolStatus.ERROR && !record.isEmpty(),
        problems, Map.of(), List.of(), durationSeconds, error, extra);
  }
}
