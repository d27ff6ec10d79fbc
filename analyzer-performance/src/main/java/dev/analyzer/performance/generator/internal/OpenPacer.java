package dev.analyzer.performance.generator.internal;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The open-model schedule of one worker: which of its requests are due, which wait for a free
 * connection, and when the event loop must wake for the next one. It wakes {@code spin} before a due
 * time and lets the loop poll without blocking ({@link PacingSelectStrategy}) until it, so requests
 * leave on time. A waiting request older than the timeout is dropped; warm-up requests still waiting
 * when the measured part begins are skipped (by a task at that time, so the hot path has no branch
 * that turns then). Every method runs on the worker's event loop.
 */
final class OpenPacer {

  /** Returned by {@link #take(long)} when no request is waiting. */
  static final long NONE = Long.MIN_VALUE;

  private final RateSchedule schedule;
  private final int index;
  private final int count;
  private final EventLoop loop;
  private final WorkerStats stats;
  private final long timeoutNanos;
  private final long spinNanos;
  private final long answerSpinNanos;
  private final Runnable task = this::pace;
  private LongConsumer dispatch;
  private volatile PacingSelectStrategy strategy;
  private volatile PacingSelectStrategy answers;
  private ScheduledFuture<?> timer;
  private long t0;
  private long measureStart;
  private long dueCount;
  private long nextDueAt = Long.MAX_VALUE;
  private long nextSend;
  private boolean running;

  OpenPacer(RunContext run, int index, int count, EventLoop loop, WorkerStats stats) {
    this.schedule = run.schedule;
    this.index = index;
    this.count = count;
    this.loop = loop;
    this.stats = stats;
    this.timeoutNanos = run.timeoutNanos;
    this.spinNanos = run.spinNanos;
    this.answerSpinNanos = run.answerSpinNanos;
  }

  /**
   * Starts the schedule at {@code t0}; {@code dispatch} is called with the time whenever requests
   * became due, to send as many as it has idle connections for (through {@link #take(long)}).
   */
  void begin(long t0, long measureStart, LongConsumer dispatch) {
    this.t0 = t0;
    this.measureStart = measureStart;
    this.dispatch = dispatch;
    this.strategy = spinNanos > 0 ? PacingSelectStrategy.current() : null;
    this.answers = answerSpinNanos > 0 ? PacingSelectStrategy.current() : null;
    this.running = true;
    nextDueAt = due(0);
    long now = System.nanoTime();
    if (measureStart > now) {
      // once, not on the hot path: a branch there that turns at the measured part's start would
      // have the JIT recompile the send path just then (see WorkerStats)
      loop.schedule(this::skipWarmup, measureStart - now, TimeUnit.NANOSECONDS);
    }
    pace();
  }

  /** The due time of the oldest waiting request, now taken, or {@link #NONE}. */
  long take(long now) {
    dropStale(now);
    return nextSend < dueCount ? due(nextSend++) : NONE;
  }

  /** A request left at {@code now}: poll for answers until {@code answer_spin} after it. */
  void sent(long now) {
    if (answers != null) {
      answers.answersUntil(now + answerSpinNanos);
    }
  }

  /** No request is in flight any more: stop polling for answers. */
  void noneInFlight() {
    if (answers != null) {
      answers.answersUntil(0);
    }
  }

  /** True when some request is due and waiting. */
  boolean hasWaiting() {
    return nextSend < dueCount;
  }

  /**
   * Stops. Requests already due that the loop had not reached yet (it ran late) still leave, late,
   * on the idle connections; every request due and still not sent that belongs to the measured part
   * counts as dropped.
   */
  void stop() {
    if (!running) {
      return;
    }
    if (timer != null) {
      timer.cancel(false);
    }
    if (strategy != null) {
      strategy.pollUntil(0);
    }
    noneInFlight();
    long now = System.nanoTime();
    advance(now);
    dispatch.accept(now);
    running = false;
    for (long i = nextSend; i < dueCount; i++) {
      if (due(i) >= measureStart) {
        stats.inc(WorkerStats.DROPPED);
      }
    }
    nextSend = dueCount;
  }

  /** Drops what waited too long (called by the worker's sweep). */
  void sweep(long now) {
    if (running) {
      dropStale(now);
    }
  }

  /** Idle spin of the loop inside the windows (waiting, not load). */
  long idleSpinNanos() {
    PacingSelectStrategy s = strategy != null ? strategy : answers;
    return s == null ? 0 : s.idleNanos();
  }

  private long due(long local) {
    long d = schedule.dueNanos(index + (long) count * local);
    return d == RateSchedule.NEVER ? Long.MAX_VALUE : t0 + d;
  }

  private void advance(long now) {
    while (nextDueAt <= now) {
      dueCount++;
      nextDueAt = due(dueCount);
    }
  }

  private void pace() {
    timer = null;
    if (!running) {
      return;
    }
    long now = System.nanoTime();
    if (strategy != null) {
      strategy.worked();
      if (now < nextDueAt) {
        // woken early on purpose: poll I/O without blocking until the due time, then run
        arm(nextDueAt, now);
        return;
      }
      strategy.pollUntil(0);
    }
    advance(now);
    dispatch.accept(now);
    dropStale(now);
    if (nextDueAt == Long.MAX_VALUE) {
      return;
    }
    long wait = nextDueAt - System.nanoTime();
    if (strategy != null && wait <= spinNanos) {
      arm(nextDueAt, System.nanoTime());
    } else {
      // A scheduled task (never execute()): a task queued from a task runs in the same pass and
      // would starve the connections' I/O.
      timer = loop.schedule(task, Math.max(0, wait - (strategy == null ? 0 : spinNanos)), TimeUnit.NANOSECONDS);
    }
  }

  private void arm(long dueAt, long now) {
    strategy.pollUntil(dueAt);
    timer = loop.schedule(task, Math.max(0, dueAt - now), TimeUnit.NANOSECONDS);
  }

  /** At the measured part's start: a warm-up request still waiting then would only delay it. */
  private void skipWarmup() {
    while (running && nextSend < dueCount && due(nextSend) < measureStart) {
      nextSend++;
    }
  }

  private void dropStale(long now) {
    while (nextSend < dueCount) {
      long intended = due(nextSend);
      if (now - intended <= timeoutNanos) {
        return;
      }
      stats.add(WorkerStats.bank(intended, measureStart), WorkerStats.DROPPED, 1);
      nextSend++;
    }
  }
}
