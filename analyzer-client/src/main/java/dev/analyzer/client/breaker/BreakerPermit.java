package dev.analyzer.client.breaker;

import dev.failsafe.CircuitBreaker;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's permit from a {@link ReplicaBreaker}, recorded exactly once whatever happens:
 * later calls are ignored, so every path (reply, failure, timeout, cancellation) may settle it
 * without double counting. Thread-safe.
 */
public final class BreakerPermit {

  private final CircuitBreaker<Object> breaker;
  private final AtomicBoolean settled = new AtomicBoolean();

  BreakerPermit(CircuitBreaker<Object> breaker) {
    this.breaker = breaker;
  }

  /** The replica answered properly. */
  public void success() {
    if (settled.compareAndSet(false, true)) {
      breaker.recordSuccess();
    }
  }

  /** The request failed because of the replica (connect, handshake, timeout, early close, error reply). */
  public void failure() {
    if (settled.compareAndSet(false, true)) {
      breaker.recordFailure();
    }
  }

  /** True once recorded. */
  public boolean isSettled() {
    return settled.get();
  }
}
