package dev.analyzer.ai.review;

/** A review that could not be completed honestly; the message says why in words a person can act on. */
public final class ReviewException extends Exception {

  private final boolean timeout;

  public ReviewException(String message, boolean timeout, Throwable cause) {
    super(message, cause);
    this.timeout = timeout;
  }

  /** True when a retry was not sent because the token budget had no room for it. */
  public boolean overBudget() {
    return getCause() instanceof dev.analyzer.ai.backend.BackendException b
        && b.kind() == dev.analyzer.ai.backend.BackendException.Kind.BUDGET;
  }

  /** True when it ended because a time limit passed. */
  public boolean isTimeout() {
    return timeout;
  }
}
