package dev.analyzer.service.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open WebSocket connections of one server, bounded by
 * {@code ANALYZER_MAX_CONNECTIONS_PER_SERVICE}: a handshake takes a slot or is refused, and the slot
 * is given back when its channel closes. Thread-safe (lock-free).
 */
public final class ConnectionSlots {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionSlots(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max connections must be >= 1, got " + max);
    }
    this.max = max;
  }

  /** Takes a slot; false when all {@link #max()} are taken. Every true must be followed by one {@link #release()}. */
  public boolean tryAcquire() {
    while (true) {
      int n = open.get();
      if (n >= max) {
        return false;
      }
      if (open.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot taken by {@link #tryAcquire()}. */
  public void release() {
    open.decrementAndGet();
  }

  /** Slots taken now. */
  public int open() {
    return open.get();
  }

  public int max() {
    return max;
  }
}
