package dev.analyzer.core.protocol;

import dev.analyzer.core.json.WireNames;
import dev.analyzer.core.json.WireValue;
import java.util.Optional;

/**
 * The envelope {@code status} of an analysis reply. It never says {@link #SUCCESS} when the
 * analysis failed: {@link AnalysisResult} rejects that combination.
 */
public enum ResultStatus implements WireValue {
  SUCCESS("success"),
  /** Some tools or targets worked and some did not. */
  PARTIAL("partial"),
  ERROR("error"),
  CANCELLED("cancelled"),
  TIMEOUT("timeout"),
  /** No target URL answered (dynamic and performance analyses). */
  TARGETS_UNREACHABLE("targets_unreachable");

  private static final WireNames<ResultStatus> NAMES =
      WireNames.of(ResultStatus.class).withAlias("partial_success", PARTIAL);
  private final String wire;

  ResultStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }

  /** True for the statuses that mean the analysis did not produce a full result. */
  public boolean isFailure() {
    return this != SUCCESS && this != PARTIAL;
  }

  /**
   * The status for a wire string; the original AI service's {@code partial_success} reads as
   * {@link #PARTIAL}.
   */
  public static Optional<ResultStatus> fromWire(String wire) {
    return NAMES.find(wire);
  }
}
