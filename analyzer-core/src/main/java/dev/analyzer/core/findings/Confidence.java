package dev.analyzer.core.findings;

import dev.analyzer.core.json.WireNames;
import dev.analyzer.core.json.WireValue;
import java.util.Optional;

/** How sure the rule is that a finding is real. */
public enum Confidence implements WireValue {
  HIGH("high", "high"),
  MEDIUM("medium", "medium"),
  LOW("low", "low");

  private static final WireNames<Confidence> NAMES = WireNames.of(Confidence.class);
  private final String wire;
  private final String sarifPrecision;

  Confidence(String wire, String sarifPrecision) {
    this.wire = wire;
    this.sarifPrecision = sarifPrecision;
  }

  @Override
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }

  /** The SARIF rule {@code precision} property. */
  public String sarifPrecision() {
    return sarifPrecision;
  }

  /** One of the three wire strings, case-insensitive. */
  public static Optional<Confidence> fromWire(String wire) {
    return NAMES.find(wire);
  }
}
