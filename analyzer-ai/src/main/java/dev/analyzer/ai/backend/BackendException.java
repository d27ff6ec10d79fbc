package dev.analyzer.ai.backend;

/** Why a model call failed; the message names the provider, the status and the cause, never a key. */
public final class BackendException extends Exception {

  /** What went wrong. */
  public enum Kind {
    /** The per-call or per-analysis time limit passed. */
    TIMEOUT,
    /** The analysis was cancelled. */
    CANCELLED,
    /** The provider answered with an HTTP error status. */
    HTTP_STATUS,
    /** The provider reported an error inside a 200 stream. */
    STREAM_ERROR,
    /** The stream ended early or did not follow the protocol. */
    PROTOCOL,
    /** Connecting or reading failed. */
    NETWORK,
    /** The token budget of the analysis is spent. */
    BUDGET
  }

  private final Kind kind;
  private final int status;
  private final boolean retryable;
  private final java.time.Duration retryAfter;

  public BackendException(Kind kind, int status, boolean retryable, String message, Throwable cause) {
    this(kind, status, retryable, null, message, cause);
  }

  /** A failure whose provider asked for a wait ({@code Retry-After}) before the next attempt. */
  public BackendException(Kind kind, int status, boolean retryable, java.time.Duration retryAfter, String message,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** The provider's {@code Retry-After}, if it sent one. */
  public java.util.Optional<java.time.Duration> retryAfter() {
    return java.util.Optional.ofNullable(retryAfter);
  }

  public BackendException(Kind kind, String message) {
    this(kind, 0, false, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0. */
  public int status() {
    return status;
  }

  /** Whether another attempt may succeed (429, 5xx, network, early end, error event). */
  public boolean retryable() {
    return retryable;
  }
}
