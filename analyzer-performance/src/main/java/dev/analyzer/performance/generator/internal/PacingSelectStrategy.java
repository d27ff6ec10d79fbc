package dev.analyzer.performance.generator.internal;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * The event loop's wait policy for precise pacing: normally the loop blocks in epoll until I/O or
 * its next timer (as Netty's default); inside a short window before a request's due time (set by
 * the worker with {@link #pollUntil(long)}) it polls without blocking, so the pacer runs within
 * microseconds of the due time instead of a timer's wake-up latency, while answers keep being read
 * between polls; and while requests are in flight (a window set with {@link #answersUntil(long)}
 * after each send, ended when none is left) it polls too, so an answer is timed when it arrives,
 * not after the thread's wake-up. Only the one loop thread spins, only inside those windows. One
 * instance per event loop; used by that loop's thread only.
 */
final class PacingSelectStrategy implements SelectStrategy {

  /** Makes one strategy per event loop. */
  static final SelectStrategyFactory FACTORY = PacingSelectStrategy::new;

  private static final ThreadLocal<PacingSelectStrategy> CURRENT = new ThreadLocal<>();

  private boolean registered;
  private long pollUntil;
  private long answersUntil;
  private long lastPollAt;
  private boolean lastPollEmpty;
  private boolean workDone;
  /** Nanoseconds spent in window polls that found nothing to do; written by the loop thread. */
  private volatile long idleNanos;

  /** The strategy of the calling event-loop thread, or null when the loop does not use one. */
  static PacingSelectStrategy current() {
    return CURRENT.get();
  }

  /** Marks that the loop did work (a pacer pass) since the last poll, so that interval is not idle. */
  void worked() {
    workDone = true;
  }

  /** Time spent spinning in windows with nothing to do: waiting, not load. */
  long idleNanos() {
    return idleNanos;
  }

  /** Poll without blocking until {@code nanoTime} (0 to stop), for the pacer's next due time. */
  void pollUntil(long nanoTime) {
    pollUntil = nanoTime;
  }

  /** Poll without blocking until {@code nanoTime} (0 to stop), for answers in flight. */
  void answersUntil(long nanoTime) {
    answersUntil = nanoTime;
  }

  @Override
  public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
    if (!registered) {
      CURRENT.set(this);
      registered = true;
    }
    if (hasTasks) {
      lastPollEmpty = false;
      return selectSupplier.get();
    }
    long until = Math.max(pollUntil, answersUntil);
    if (until != 0) {
      long now = System.nanoTime();
      if (now < until) {
        if (lastPollEmpty && !workDone) {
          idleNanos = idleNanos + (now - lastPollAt);
        }
        workDone = false;
        int ready = selectSupplier.get();
        lastPollAt = now;
        lastPollEmpty = ready == 0;
        return ready;
      }
    }
    lastPollEmpty = false;
    return SelectStrategy.SELECT;
  }
}
