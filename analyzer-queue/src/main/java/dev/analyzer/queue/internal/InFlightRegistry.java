package dev.analyzer.queue.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests a worker holds, with the heartbeat that sends an in-progress ack for each of them
 * every {@code interval} (a third of AckWait), so the server never redelivers a live analysis.
 * Thread-safe.
 */
public final class InFlightRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InFlightRegistry.class);

  private final Set<InFlight> held = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong finished = new java.util.concurrent.atomic.AtomicLong();
  private final ScheduledExecutorService heartbeat;

  public InFlightRegistry(Duration interval, String threadName) {
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(1, interval.toMillis());
    heartbeat.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
  }

  void add(InFlight f) {
    held.add(f);
  }

  void remove(InFlight f) {
    if (held.remove(f)) {
      finished.incrementAndGet();
    }
  }

  /** How many requests have finished (acked, nak'ed or dead-lettered) since it started; hand-backs not counted. */
  public long finishedCount() {
    return finished.get();
  }

  /**
   * Hands {@code f} back to the queue unless it finished already: cancels its handler with
   * {@code reason} and naks it for immediate redelivery. True when it was handed back.
   */
  public boolean handBack(InFlight f, String reason) {
    if (!f.settle()) {
      return false;
    }
    f.cancellation().cancel(reason);
    try {
      f.message().nak();
    } catch (RuntimeException e) {
      LOG.warn("nak of {} failed; it returns after AckWait: {}", f.id(), e.toString());
    }
    held.remove(f);
    return true;
  }

  /** The held requests with id {@code id} (usually one; two when a duplicate outlived the window). */
  public List<InFlight> byId(String id) {
    return held.stream().filter(f -> f.id().equals(id)).collect(Collectors.toList());
  }

  /** Everything held now. */
  public List<InFlight> all() {
    return List.copyOf(held);
  }

  /** How many requests are held. */
  public int size() {
    return held.size();
  }

  private void beat() {
    for (InFlight f : held) {
      if (!f.isSettled()) {
        try {
          f.message().inProgress();
        } catch (RuntimeException e) {
          LOG.warn("in-progress ack for {} failed: {}", f.id(), e.toString());
        }
      }
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
  }
}
