package dev.analyzer.dynamic.tools;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.process.ProcessResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers the adapters share: the {@code tool_runs} command record and the status of a finished process. */
final class ToolCommands {

  private static final int EXCERPT = 2000;

  private ToolCommands() {}

  /** {@code {cmd, exit_code, duration, stdout, stderr, termination}} with output cut to excerpts. */
  static Map<String, Object> record(ProcessResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cmd", String.join(" ", r.command()));
    m.put("exit_code", r.exitCode());
    m.put("termination", r.termination().name().toLowerCase(java.util.Locale.ROOT));
    m.put("duration", Math.round(r.duration().toMillis()) / 1000.0);
    m.put("stdout", tail(r.stdout()));
    m.put("stderr", tail(r.stderr()));
    return m;
  }

  /** The status of a run that ended as {@code r}: timeout, cancelled, not installed, or null when it exited. */
  static ToolStatus failure(ProcessResult r) {
    return switch (r.termination()) {
      case TIMED_OUT -> ToolStatus.TIMEOUT;
      case CANCELLED -> ToolStatus.CANCELLED;
      case START_FAILED -> ToolStatus.NOT_INSTALLED;
      default -> null;
    };
  }

  static String tail(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= EXCERPT ? s : "..." + s.substring(s.length() - EXCERPT);
  }

  static double seconds(List<ProcessResult> rs) {
    return rs.stream().mapToLong(r -> r.duration().toMillis()).sum() / 1000.0;
  }
}
