package dev.analyzer.http.client;

import java.io.IOException;

/**
 * Why an exchange failed; every future the engine returns fails with one of these (its
 * {@link #kind()} says which way), so callers classify without parsing messages.
 */
public final class HttpFailure extends IOException {

  private static final long serialVersionUID = 1L;

  /** The ways an exchange fails. */
  public enum Kind {
    /** Nothing listens on the pinned address (connection refused or reset before a reply). */
    CONNECT_REFUSED,
    /** The TCP connect took longer than the connect timeout. */
    CONNECT_TIMEOUT,
    /** No byte of the response arrived within the read timeout. */
    READ_TIMEOUT,
    /** The whole exchange, redirects included, took longer than its total timeout. */
    TOTAL_TIMEOUT,
    /** The TLS handshake failed (untrusted certificate, wrong host name, protocol mismatch). */
    TLS,
    /** The connection closed before the response was complete. */
    CONNECTION_CLOSED,
    /** The response was not valid HTTP/1.1, or a redirect had no usable Location. */
    PROTOCOL,
    /** The response body passed its cap and the request asked to fail rather than truncate. */
    BODY_TOO_LARGE,
    /** The analysis' {@link RequestBudget} allows no further request. */
    BUDGET_EXHAUSTED,
    /** A redirect pointed at a target the {@code TargetPolicy} refuses; the cause says why. */
    REDIRECT_REFUSED,
    /** The redirect chain passed the request's hop limit. */
    TOO_MANY_REDIRECTS,
    /** The session (or the engine) was closed. */
    CLOSED
  }

  private final Kind kind;

  public HttpFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public HttpFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Which way the exchange failed. */
  public Kind kind() {
    return kind;
  }
}
