package dev.analyzer.client.internal;

import dev.analyzer.client.breaker.BreakerPermit;
import dev.analyzer.client.replica.Replica;
import java.time.Duration;
import java.util.Optional;

/**
 * One request's use of one replica, shared by the analysis and exchange paths: the breaker permit,
 * the replica's in-flight count and latency, started once and ended exactly once (later ends are
 * ignored). Thread-safe.
 */
final class ReplicaCall {

  private final Replica replica;
  private final BreakerPermit permit;
  private final long startedNanos = System.nanoTime();
  private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

  private ReplicaCall(Replica replica, BreakerPermit permit) {
    this.replica = replica;
    this.permit = permit;
  }

  /** A call on {@code replica}, or empty when its breaker refuses. */
  static Optional<ReplicaCall> tryStart(Replica replica) {
    Optional<BreakerPermit> p = replica.breaker().tryAcquire();
    if (p.isEmpty()) {
      return Optional.empty();
    }
    replica.started();
    return Optional.of(new ReplicaCall(replica, p.get()));
  }

  Replica replica() {
    return replica;
  }

  /** Settles the permit and the replica's counters; true for the first end only. */
  boolean end(boolean failed) {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    if (failed) {
      permit.failure();
    } else {
      permit.success();
    }
    replica.ended(failed, failed ? null : Duration.ofNanos(System.nanoTime() - startedNanos));
    return true;
  }
}
