package dev.analyzer.service;

import dev.analyzer.core.protocol.ResultStatus;

/** Why an analysis was stopped before it finished, and the status its terminal reply carries. */
public enum CancellationReason {
  /** A {@code cancel_request} named it. */
  CANCEL_REQUEST(ResultStatus.CANCELLED, "cancelled by cancel_request"),
  /** It ran past its deadline. */
  DEADLINE(ResultStatus.TIMEOUT, "deadline passed"),
  /** The client closed the connection; no reply can be delivered. */
  CLIENT_DISCONNECTED(ResultStatus.CANCELLED, "client disconnected"),
  /** The service shut down before it finished within the grace period. */
  SHUTDOWN(ResultStatus.CANCELLED, "service shutting down");

  private final ResultStatus status;
  private final String description;

  CancellationReason(ResultStatus status, String description) {
    this.status = status;
    this.description = description;
  }

  /** The envelope status of the terminal reply: {@code cancelled}, or {@code timeout} for the deadline. */
  public ResultStatus status() {
    return status;
  }

  /** A short human-readable reason. */
  public String description() {
    return description;
  }
}
