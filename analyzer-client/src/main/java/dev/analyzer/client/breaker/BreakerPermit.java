package dev.analyzer.client.breaker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's permit from a {@link ReplicaBreaker}, tagged with the breaker's epoch at admission
 * and recorded exactly once whatever happens: later calls are ignored, so every path (reply,
 * failure, timeout, cancellation) may settle it without double counting. Thread-safe.
 */
public final class BreakerPermit {

  private final ReplicaBreaker breaker;
  private final long epoch;
  private final boolean probe;
  private final AtomicBoolean settled = new AtomicBoolean();

  BreakerPermit(ReplicaBreaker breaker, long epoch, boolean probe) {
    this.breaker = breaker;
    this.epoch = epoch;
    this.probe = probe;
  }

  /** The replica answered properly. */
  public void success() {
    if (settled.compareAndSet(false, true)) {
      breaker.record(epoch, true);
    }
  }

  /** The request failed because of the replica (connect, handshake, timeout, early close, error reply). */
  public void failure() {
    if (settled.compareAndSet(false, true)) {
      breaker.record(epoch, false);
    }
  }

  /** The breaker epoch this permit was admitted in. */
  public long epoch() {
    return epoch;
  }

  /** True when admitted while half-open: one of that half-open period's probes. */
  public boolean isProbe() {
    return probe;
  }

  /** True once recorded. */
  public boolean isSettled() {
    return settled.get();
  }
}
