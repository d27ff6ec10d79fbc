package dev.analyzer.staticanalyzer.report;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words the original system used for tool statuses and severities, and how ours map onto them
 * (original-analyzer.md §1.1, §3.1, §5). The original manager counts a tool as failed unless its
 * status is {@code success}/{@code completed}/{@code no_issues} or skipped when it is
 * {@code skipped}/{@code not_available}; it folds severities critical/fatal/high/error into
 * {@code high}, medium/warning into {@code medium}, low/info/note into {@code low}. Stateless.
 */
public final class OriginalVocabulary {

  /** The original's status for a tool that ran. */
  public static final String SUCCESS = "success";
  /** The original's status for a tool that failed (bad exit, unreadable output, timeout). */
  public static final String ERROR = "error";
  /** The original's status for a tool that did not run because nothing asked for it or nothing was there. */
  public static final String SKIPPED = "skipped";
  /** The original manager's status for a tool this service does not have (it files it under skipped). */
  public static final String NOT_AVAILABLE = "not_available";

  private OriginalVocabulary() {}

  /**
   * The original's word for {@code status}: success and error as they are; timeout and cancelled are
   * {@code error} (the original reported a timeout as {@code error: "Timeout expired"}); not_installed
   * is {@code not_available}; skipped stays; no_files is {@code skipped} (the original said skipped
   * when safety found no requirements file, and its manager would count {@code no_files} as failed).
   */
  public static String status(ToolStatus status) {
    switch (status) {
      case SUCCESS:
        return SUCCESS;
      case ERROR:
      case TIMEOUT:
      case CANCELLED:
        return ERROR;
      case NOT_INSTALLED:
        return NOT_AVAILABLE;
      case SKIPPED:
      case NO_FILES:
        return SKIPPED;
      default:
        throw new IllegalArgumentException("no original status for " + status);
    }
  }

  /** {@code high}, {@code medium} or {@code low}: critical and high are high, info is low. */
  public static String severity(Severity severity) {
    switch (severity) {
      case CRITICAL:
      case HIGH:
        return "high";
      case MEDIUM:
        return "medium";
      case LOW:
      case INFO:
        return "low";
      default:
        throw new IllegalArgumentException("no original severity for " + severity);
    }
  }

  /** Counts of {@code findings} under the original's three keys, high first, zeros included. */
  public static Map<String, Integer> breakdown(List<Finding> findings) {
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("high", 0);
    out.put("medium", 0);
    out.put("low", 0);
    for (Finding f : findings) {
      out.merge(severity(f.severity()), 1, Integer::sum);
    }
    return out;
  }
}
