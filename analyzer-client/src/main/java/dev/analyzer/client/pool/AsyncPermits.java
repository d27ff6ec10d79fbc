package dev.analyzer.client.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore whose waiters are futures, so waiting for a connection permit never blocks a
 * thread. Waiters are served first come, first served; one that waits longer than its timeout fails
 * with {@link PoolExhaustedException}. Thread-safe.
 */
final class AsyncPermits {

  private final int max;
  private int available;
  private final Deque<CompletableFuture<Void>> waiters = new ArrayDeque<>();

  AsyncPermits(int max) {
    this.max = max;
    this.available = max;
  }

  /** A permit now if one is free. */
  synchronized boolean tryAcquire() {
    if (available > 0 && waiters.isEmpty()) {
      available--;
      return true;
    }
    return false;
  }

  /**
   * A future completed when a permit is granted, or failed after {@code timeout}. Cancelling it
   * leaves the queue (a permit is never handed to a cancelled waiter).
   */
  CompletableFuture<Void> acquire(Duration timeout, ScheduledExecutorService timer) {
    CompletableFuture<Void> waiter = new CompletableFuture<>();
    synchronized (this) {
      if (available > 0 && waiters.isEmpty()) {
        available--;
        waiter.complete(null);
        return waiter;
      }
      waiters.add(waiter);
    }
    java.util.concurrent.ScheduledFuture<?> expiry = timer.schedule(() -> {
      synchronized (this) {
        if (!waiters.remove(waiter)) {
          return;
        }
      }
      waiter.completeExceptionally(new PoolExhaustedException(max, timeout));
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    waiter.whenComplete((v, e) -> {
      expiry.cancel(false);
      if (waiter.isCancelled()) {
        synchronized (this) {
          waiters.remove(waiter);
        }
      }
    });
    return waiter;
  }

  /** Returns a permit: to the first waiter still waiting, else to the pool. */
  void release() {
    while (true) {
      CompletableFuture<Void> next;
      synchronized (this) {
        next = waiters.poll();
        if (next == null) {
          if (available < max) {
            available++;
          }
          return;
        }
      }
      if (next.complete(null)) {
        return;
      }
    }
  }

  synchronized int inUse() {
    return max - available;
  }

  synchronized int waiting() {
    return waiters.size();
  }

  int max() {
    return max;
  }
}
