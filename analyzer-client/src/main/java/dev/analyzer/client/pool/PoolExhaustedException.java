package dev.analyzer.client.pool;

import java.time.Duration;

/** No connection permit became free in time; the message names the limit and the wait. */
public final class PoolExhaustedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PoolExhaustedException(int max, Duration waited) {
    super("all " + max + " connections (ANALYZER_MAX_CONNECTIONS) stayed busy for "
        + waited.toMillis() + " ms (ANALYZER_CONNECTION_TIMEOUT)");
  }
}
