package dev.analyzer.ai.review;

/** A review that could not be completed honestly; the message says why in words a person can act on. */
public final class ReviewException extends Exception {

  private final boolean timeout;

  public ReviewException(String message, boolean timeout, Throwable cause) {
    super(message, cause);
    this.timeout = timeout;
  }

  /** True when it ended because a time limit passed. */
  public boolean isTimeout() {
    return timeout;
  }
}
