package dev.analyzer.client.queue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the queue transport reports per kind, as a WebSocket replica does: analyses in flight,
 * requests queued, failures (not queued, dead-lettered, lost while waiting, deadline passed) and a
 * recent-latency average from submit to result (EWMA, weight 0.2 to the newest sample, as
 * {@link dev.analyzer.client.replica.Replica}). Thread-safe.
 */
final class KindCounters {

  private static final double NEW_SAMPLE_WEIGHT = 0.2;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private double latencyMillis = -1;

  /** An analysis started (before it is queued). */
  void started() {
    inFlight.incrementAndGet();
  }

  /** Its request is on the queue. */
  void queued() {
    requests.incrementAndGet();
  }

  /**
   * It ended: {@code latency} is recorded for one that got its result, {@code null} otherwise.
   *
   * @param failed whether the transport failed it (not queued, dead-lettered, lost, deadline)
   */
  void ended(boolean failed, Duration latency) {
    inFlight.decrementAndGet();
    if (failed) {
      failures.incrementAndGet();
    } else if (latency != null) {
      double sample = latency.toNanos() / 1e6;
      synchronized (this) {
        latencyMillis = latencyMillis < 0 ? sample : (1 - NEW_SAMPLE_WEIGHT) * latencyMillis + NEW_SAMPLE_WEIGHT * sample;
      }
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  long requests() {
    return requests.get();
  }

  long failures() {
    return failures.get();
  }

  synchronized double latencyMillis() {
    return latencyMillis;
  }
}
