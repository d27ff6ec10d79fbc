package dev.analyzer.client.replica;

import dev.analyzer.client.breaker.ReplicaBreaker;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One replica of a service (a URL, or one address of a URL's host, see {@link Endpoint}): its
 * breaker, requests in flight, counters and a recent-latency average (EWMA, weight 0.2 to the
 * newest sample, as the original pool's). A replica whose address left its host's set is
 * <em>draining</em>: no new work is chosen for it, and what it holds runs to its end. Thread-safe.
 */
public final class Replica {

  private static final double NEW_SAMPLE_WEIGHT = 0.2;

  private final Endpoint endpoint;
  private final ReplicaBreaker breaker;
  private volatile boolean draining;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile double latencyMillis = -1;

  public Replica(URI uri, ReplicaBreaker breaker) {
    this(Endpoint.of(uri), breaker);
  }

  public Replica(Endpoint endpoint, ReplicaBreaker breaker) {
    this.endpoint = endpoint;
    this.breaker = breaker;
  }

  /** The configured URL (whose host the handshake names). */
  public URI uri() {
    return endpoint.uri();
  }

  /** Where connections go. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** True once the replica has left its host's address set: it gets no new work. */
  public boolean draining() {
    return draining;
  }

  /** Marks the replica draining ({@code true}) or back in its host's set ({@code false}). */
  public void draining(boolean on) {
    this.draining = on;
  }

  public ReplicaBreaker breaker() {
    return breaker;
  }

  /** A request starts on this replica. */
  public void started() {
    inFlight.incrementAndGet();
    requests.incrementAndGet();
  }

  /** A request on this replica ended; {@code latency} is recorded for successful ones. */
  public void ended(boolean failed, Duration latency) {
    inFlight.decrementAndGet();
    if (failed) {
      failures.incrementAndGet();
    } else if (latency != null) {
      synchronized (this) {
        double sample = latency.toNanos() / 1e6;
        latencyMillis = latencyMillis < 0 ? sample : (1 - NEW_SAMPLE_WEIGHT) * latencyMillis + NEW_SAMPLE_WEIGHT * sample;
      }
    }
  }

  public int inFlight() {
    return inFlight.get();
  }

  public long requests() {
    return requests.get();
  }

  public long failures() {
    return failures.get();
  }

  /** Recent average latency in milliseconds, or -1 before the first success. */
  public double latencyMillis() {
    return latencyMillis;
  }
}
