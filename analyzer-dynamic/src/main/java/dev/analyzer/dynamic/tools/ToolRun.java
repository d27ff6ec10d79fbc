package dev.analyzer.dynamic.tools;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.List;
import java.util.Map;

/**
 * What one tool run produced: status, findings (already mapped onto the engine's rules where one
 * maps), the commands run (for {@code tool_runs}), extra fields and wall time. Immutable.
 */
public record ToolRun(String tool, ToolStatus status, List<Finding> findings, String error,
    List<Map<String, Object>> commands, Map<String, Object> extra, double seconds) {

  public ToolRun {
    findings = List.copyOf(findings);
    commands = List.copyOf(commands);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public static ToolRun failed(String tool, ToolStatus status, String error, List<Map<String, Object>> commands,
      double seconds) {
    return new ToolRun(tool, status, List.of(), error, commands, Map.of(), seconds);
  }
}
