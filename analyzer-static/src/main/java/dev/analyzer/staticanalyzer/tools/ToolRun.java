package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.List;
import java.util.Map;

/**
 * What one tool run produced.
 *
 * @param status success, error, timeout or cancelled
 * @param findings normalized findings (findings are not failures)
 * @param error why it failed, or null
 * @param extra tool-specific fields for its result record (exit code, files scanned, ...)
 */
public record ToolRun(ToolStatus status, List<Finding> findings, String error, Map<String, Object> extra) {

  public ToolRun {
    findings = List.copyOf(findings);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public static ToolRun success(List<Finding> findings, Map<String, Object> extra) {
    return new ToolRun(ToolStatus.SUCCESS, findings, null, extra);
  }

  public static ToolRun failed(ToolStatus status, String error, Map<String, Object> extra) {
    return new ToolRun(status, List.of(), error, extra);
  }
}
