package dev.analyzer.performance.tools;

import dev.analyzer.core.protocol.ToolStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tool statuses in the original's vocabulary (success, error, skipped, no_files, not_available),
 * as the other services word them: a timeout or a cancellation is an {@code error} there, a tool
 * that is not installed {@code not_available}. Ours is kept under {@code status_detail} when the
 * words differ. Stateless.
 */
public final class OriginalStatus {

  private OriginalStatus() {}

  /** The original's word for {@code s}. */
  public static String of(ToolStatus s) {
    return switch (s) {
      case SUCCESS -> "success";
      case SKIPPED -> "skipped";
      case NO_FILES -> "no_files";
      case NOT_INSTALLED -> "not_available";
      case ERROR, TIMEOUT, CANCELLED -> "error";
    };
  }

  /** A copy of {@code record} with the original's {@code status} and, when it differs, ours as {@code status_detail}. */
  public static Map<String, Object> apply(Map<String, Object> record, ToolStatus ours) {
    Map<String, Object> m = new LinkedHashMap<>();
    record.forEach((k, v) -> {
      m.put(k, v);
      if (k.equals("status")) {
        m.put("status", of(ours));
        if (!of(ours).equals(ours.wire())) {
          m.put("status_detail", ours.wire());
        }
      }
    });
    if (!m.containsKey("status")) {
      m.put("status", of(ours));
    }
    return m;
  }
}
