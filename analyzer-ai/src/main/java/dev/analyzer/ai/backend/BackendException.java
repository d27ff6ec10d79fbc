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
  private Usage usage = Usage.ONE_UNMETERED;

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

  /** What the attempts of the failed call spent (one unmetered attempt unless a backend said more). */
  public Usage usage() {
    return usage;
  }

  /** This exception, recording {@code u} as what its call spent; returns {@code this}. Call before throwing. */
  public BackendException withUsage(Usage u) {
    this.usage = u;
    return this;
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

  /** Whether an HTTP status (or an in-stream error code) may succeed on another attempt: 408, 409, 425, 429, 5xx. */
  public static boolean retryableStatus(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500 && status <= 599;
  }

  /**
   * An error a provider reported inside a 200 answer ({@code {"error": {...}}} in a stream or as the
   * whole body). Retryable when it has no code, or a numeric code that {@link #retryableStatus} allows,
   * or a textual code naming a transient cause (rate limit, server error, overload, timeout); never for
   * 400, 401, 402, 403 and other 4xx.
   */
  public static BackendException inStream(String provider, com.fasterxml.jackson.databind.JsonNode err,
      String message) {
    String code = err != null && err.isObject() && err.hasNonNull("code") ? err.get("code").asText().strip() : "";
    int numeric = code.matches("\\d{3}") ? Integer.parseInt(code) : 0;
    boolean retryable = code.isEmpty() || numeric > 0 ? code.isEmpty() || retryableStatus(numeric)
        : code.toLowerCase(java.util.Locale.ROOT).matches(".*(rate_limit|server|overload|timeout|unavailable).*");
    return new BackendException(Kind.STREAM_ERROR, numeric, retryable, provider + " reported an error inside the "
        + "answer" + (code.isEmpty() ? "" : " (code " + code + ")") + ": " + message
        + (numeric == 401 || numeric == 403 ? " (check the API key variable)" : "")
        + (numeric == 402 ? " (the account has no credit)" : "") + (retryable ? "" : "; not retried"), null);
  }

  /** Whether another attempt may succeed (429, 5xx, network, early end, an error event without a client-error code). */
  public boolean retryable() {
    return retryable;
  }
}
