package dev.analyzer.core.testing;

import java.util.List;
import java.util.Locale;

/**
 * How the original's manager files a tool by its status (original-reading.md §3.2): {@code skipped}
 * or {@code not_available} (any case) is skipped, {@code success}, {@code completed} or
 * {@code no_issues} went well, anything else (null included) failed. Test code.
 */
public enum ToolOutcome {
  OK,
  SKIPPED,
  FAILED;

  /** The outcome of a tool whose status is {@code status}. */
  public static ToolOutcome of(String status) {
    String s = String.valueOf(status).toLowerCase(Locale.ROOT);
    if (s.equals("skipped") || s.equals("not_available")) {
      return SKIPPED;
    }
    return List.of("success", "completed", "no_issues").contains(s) ? OK : FAILED;
  }
}
