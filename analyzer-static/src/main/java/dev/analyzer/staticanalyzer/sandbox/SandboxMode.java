package dev.analyzer.staticanalyzer.sandbox;

import java.util.Locale;

/**
 * {@code ANALYZER_TOOL_SANDBOX}: whether external tools run inside bubblewrap.
 * Immutable.
 */
public enum SandboxMode {
  /** bwrap when its start-up probe works; otherwise unsandboxed, and tools that import the analysed code are refused. */
  AUTO,
  /** bwrap is required: the service does not start when the probe fails. */
  BWRAP,
  /** Never sandbox: the operator accepts that tools (pylint) may run code of the analysed app. */
  OFF;

  /** The setting's value for this mode ({@code auto}, {@code bwrap}, {@code off}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code value} (one of {@link #wire()}). */
  public static SandboxMode fromWire(String value) {
    for (SandboxMode m : values()) {
      if (m.wire().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("not a sandbox mode: " + value);
  }
}
