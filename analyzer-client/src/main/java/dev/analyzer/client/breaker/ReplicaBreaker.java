package dev.analyzer.client.breaker;

import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one replica URL, on Failsafe's {@link CircuitBreaker}: it opens after
 * {@code threshold} consecutive failed requests, lets probes through after {@code delay}, admits at
 * most {@code halfOpenCalls} probes at once while half-open, and closes after that many successes.
 *
 * <p>Callers take a {@link BreakerPermit} per request and must settle it exactly once
 * ({@link BreakerPermit#success()}, {@link BreakerPermit#failure()}); a permit is never left
 * unsettled, or Failsafe would stay half-open and refuse everything. Thread-safe.
 */
public final class ReplicaBreaker {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaBreaker.class);

  /** The breaker's state as reported in stats. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final String url;
  private final CircuitBreaker<Object> breaker;

  public ReplicaBreaker(String url, int threshold, Duration delay, int halfOpenCalls) {
    this.url = url;
    this.breaker = CircuitBreaker.builder()
        .withFailureThreshold(threshold)
        .withSuccessThreshold(halfOpenCalls)
        .withDelay(delay)
        .onOpen(e -> LOG.warn("circuit breaker for {} opened after {} consecutive failures", url, threshold))
        .onHalfOpen(e -> LOG.info("circuit breaker for {} half-open: probing", url))
        .onClose(e -> LOG.info("circuit breaker for {} closed", url))
        .build();
  }

  /** A permit for one request, or empty when the breaker refuses (open, or half-open and full). */
  public Optional<BreakerPermit> tryAcquire() {
    if (!breaker.tryAcquirePermit()) {
      return Optional.empty();
    }
    return Optional.of(new BreakerPermit(breaker));
  }

  /**
   * The state for reporting. Failsafe moves from open to half-open lazily (on the next permit
   * request), so an open breaker whose delay has passed is reported half-open: a probe is due.
   */
  public State state() {
    switch (breaker.getState()) {
      case OPEN:
        return breaker.getRemainingDelay().isZero() ? State.HALF_OPEN : State.OPEN;
      case HALF_OPEN:
        return State.HALF_OPEN;
      default:
        return State.CLOSED;
    }
  }

  /** True unless the breaker is open and its delay has not passed (selection skips those). */
  public boolean mayAllow() {
    return state() != State.OPEN;
  }

  public String url() {
    return url;
  }
}
