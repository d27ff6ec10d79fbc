package dev.analyzer.ai.review;

import java.util.Locale;
import java.util.Optional;

/** Whether the code meets a requirement. */
public enum Verdict {
  MET, PARTIAL, NOT_FOUND;

  /** {@code met}, {@code partial} or {@code not_found}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The verdict named {@code s} ({@code not_met} and {@code no} read as not_found). */
  public static Optional<Verdict> fromWire(String s) {
    if (s == null) {
      return Optional.empty();
    }
    return switch (s.strip().toLowerCase(Locale.ROOT).replace(' ', '_')) {
      case "met", "yes", "true" -> Optional.of(MET);
      case "partial", "partially_met" -> Optional.of(PARTIAL);
      case "not_found", "not_met", "no", "false", "missing" -> Optional.of(NOT_FOUND);
      default -> Optional.empty();
    };
  }

  /** One step down: met to partial, partial to not_found. */
  public Verdict downgraded() {
    return this == MET ? PARTIAL : NOT_FOUND;
  }
}
