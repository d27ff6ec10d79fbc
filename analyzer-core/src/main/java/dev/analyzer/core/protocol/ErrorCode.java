package dev.analyzer.core.protocol;

import dev.analyzer.core.json.WireNames;
import dev.analyzer.core.json.WireValue;
import java.util.Optional;

/** The {@code code} of an {@code error} frame. */
public enum ErrorCode implements WireValue {
  /** The frame is not valid JSON, or not a JSON object. */
  INVALID_JSON("invalid_json"),
  /** The {@code type} is missing or not one the service handles. */
  UNKNOWN_TYPE("unknown_type"),
  /** A field is missing, of the wrong type or out of range, or a path lies outside the allowed roots. */
  INVALID_REQUEST("invalid_request"),
  /** The service is at its concurrent-analysis limit or draining; try again or another replica. */
  BUSY("busy"),
  /** The handshake or request lacked the required token. */
  UNAUTHORIZED("unauthorized"),
  /** The referenced analysis (for example of a {@code cancel_request}) is not known. */
  NOT_FOUND("not_found"),
  /** The analysis was cancelled. */
  CANCELLED("cancelled"),
  /** The analysis ran past its deadline. */
  TIMEOUT("timeout"),
  /** A fault inside the service; the message says what failed, never with a stack trace. */
  INTERNAL("internal");

  private static final WireNames<ErrorCode> NAMES = WireNames.of(ErrorCode.class);
  private final String wire;

  ErrorCode(String wire) {
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

  /** The code for a wire string, if it is one. */
  public static Optional<ErrorCode> fromWire(String wire) {
    return NAMES.find(wire);
  }
}
