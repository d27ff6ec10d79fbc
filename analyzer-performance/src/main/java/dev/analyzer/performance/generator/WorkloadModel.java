package dev.analyzer.performance.generator;

import java.util.Locale;
import java.util.Optional;

/**
 * How load is offered. {@link #OPEN}: requests arrive on a schedule whatever the target does
 * (constant rate or ramps), latency counted from the intended send time. {@link #CLOSED}: a fixed
 * number of connections each sends its next request when the previous answer arrived (wrk style),
 * so a slow target slows the load down and its latency figures are not corrected.
 */
public enum WorkloadModel {
  OPEN,
  CLOSED;

  /** {@code open} or {@code closed}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The model named {@code s} (case-insensitive), if any. */
  public static Optional<WorkloadModel> fromWire(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String t = s.trim().toLowerCase(Locale.ROOT);
    return t.equals("open") ? Optional.of(OPEN) : t.equals("closed") ? Optional.of(CLOSED) : Optional.empty();
  }
}
