package dev.analyzer.core.protocol;

import dev.analyzer.core.json.WireNames;
import dev.analyzer.core.json.WireValue;
import java.util.Optional;

/** The {@code status} of one tool's record in {@code analysis.results}. */
public enum ToolStatus implements WireValue {
  /** The tool ran; its findings (if any) are in the record. Findings are not failures. */
  SUCCESS("success"),
  /** The tool ran and failed (bad exit code, unreadable output); see the record's {@code error}. */
  ERROR("error"),
  /** The tool is not installed on this service's machine. */
  NOT_INSTALLED("not_installed"),
  /** Disabled by config or not selected. */
  SKIPPED("skipped"),
  /** Nothing for the tool to look at (no Python files, no package.json, ...). */
  NO_FILES("no_files"),
  /** Killed at its per-tool timeout. */
  TIMEOUT("timeout"),
  /** Stopped because the analysis was cancelled. */
  CANCELLED("cancelled");

  private static final WireNames<ToolStatus> NAMES = WireNames.of(ToolStatus.class);
  private final String wire;

  ToolStatus(String wire) {
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

  /** The status for a wire string (case-insensitive, surrounding blanks ignored), if it is one. */
  public static Optional<ToolStatus> fromWire(String wire) {
    return NAMES.find(wire);
  }
}
