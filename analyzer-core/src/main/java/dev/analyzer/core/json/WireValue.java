package dev.analyzer.core.json;

/** A value (usually an enum constant) with a fixed spelling on the wire, such as {@code "high"}. */
public interface WireValue {

  /** The exact string written to and read from JSON. */
  String wire();
}
