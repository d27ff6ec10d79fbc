package dev.analyzer.core.findings;

import dev.analyzer.core.json.WireNames;
import dev.analyzer.core.json.WireValue;
import java.util.Locale;
import java.util.Optional;

/** How bad a finding is, from {@link #CRITICAL} down to {@link #INFO}. */
public enum Severity implements WireValue {
  CRITICAL("critical", 9.5, "error"),
  HIGH("high", 8.0, "error"),
  MEDIUM("medium", 5.5, "warning"),
  LOW("low", 3.0, "note"),
  INFO("info", 0.0, "note");

  private static final WireNames<Severity> NAMES = WireNames.of(Severity.class);
  private final String wire;
  private final double securityScore;
  private final String sarifLevel;

  Severity(String wire, double securityScore, String sarifLevel) {
    this.wire = wire;
    this.securityScore = securityScore;
    this.sarifLevel = sarifLevel;
  }

  @Override
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }

  /**
   * The SARIF/GitHub {@code security-severity} score in the middle of this severity's band
   * (critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low below 4); 0 for info.
   */
  public double securityScore() {
    return securityScore;
  }

  /** The SARIF result level: error for critical and high, warning for medium, note below. */
  public String sarifLevel() {
    return sarifLevel;
  }

  /** True when this is at least as severe as {@code other}. */
  public boolean isAtLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }

  /** Exactly one of the five wire strings, case-insensitive. */
  public static Optional<Severity> fromWire(String wire) {
    return NAMES.find(wire);
  }

  /**
   * Maps the words external tools use onto the five levels: blocker/critical; high/error/fatal/
   * severe; medium/moderate/warning; low/minor/note/convention/refactor; info/informational/none.
   * Unknown words map to {@link #MEDIUM}, as the original manager did.
   */
  public static Severity fromToolLevel(String level) {
    if (level == null) {
      return MEDIUM;
    }
    switch (level.trim().toLowerCase(Locale.ROOT)) {
      case "critical":
      case "blocker":
        return CRITICAL;
      case "high":
      case "error":
      case "fatal":
      case "severe":
        return HIGH;
      case "medium":
      case "moderate":
      case "warning":
      case "warn":
        return MEDIUM;
      case "low":
      case "minor":
      case "note":
      case "convention":
      case "refactor":
        return LOW;
      case "info":
      case "informational":
      case "none":
        return INFO;
      default:
        return MEDIUM;
    }
  }
}
