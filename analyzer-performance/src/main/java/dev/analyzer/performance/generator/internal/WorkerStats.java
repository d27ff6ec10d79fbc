package dev.analyzer.performance.generator.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The figures of one worker: counters and latency recorders written by the worker's event-loop
 * thread only (single writer: plain increments published with {@code lazySet}), read by the
 * sampler thread at any time. Latencies are recorded in microseconds.
 *
 * <p>Per-request figures go to one of two banks, chosen without a branch by {@link #bank(long, long)}:
 * the warm-up's requests are recorded exactly like the measured ones, into a bank nobody reads. So
 * the warm-up runs (and lets the JIT compile) the very code the measured part runs: with a
 * "measured?" branch, the compiled hot path had that branch pruned and was deoptimized and
 * recompiled just after the warm-up, on the generator's own CPU, inside the measured figures.
 */
final class WorkerStats {

  static final int RESPONSES_ALL = 0;
  static final int ERRORS_ALL = 1;
  static final int REQUESTS = 2;
  static final int CONNECT = 3;
  static final int READ = 4;
  static final int TIMEOUT = 5;
  static final int STATUS = 6;
  static final int BYTES = 7;
  static final int DROPPED = 8;
  static final int LATE = 9;
  static final int SENT = 10;
  static final int IN_FLIGHT = 11;
  static final int OPEN_CONNECTIONS = 12;
  static final int RECONNECTS = 13;
  static final int UNFINISHED = 14;
  static final int COUNTERS = 15;

  /** The bank of the warm-up's requests (written, never read). */
  static final int WARMUP = 0;
  /** The bank of the measured requests: what {@link #get(int)} and the {@code take} methods read. */
  static final int MEASURED = 1;

  private static final int STATUSES = 1000;

  private final AtomicLongArray counters = new AtomicLongArray(COUNTERS * 2);
  private final AtomicLongArray statuses = new AtomicLongArray(STATUSES * 2);
  private final AtomicLongArray perScenario;
  private final int scenarios;
  /** [bank * scenarios + scenario]. */
  private final SingleWriterRecorder[] corrected;
  private final SingleWriterRecorder[] uncorrected;
  private final SingleWriterRecorder[] lag = {new SingleWriterRecorder(3), new SingleWriterRecorder(3)};

  WorkerStats(int scenarios) {
    this.scenarios = scenarios;
    perScenario = new AtomicLongArray(scenarios * 4);
    corrected = new SingleWriterRecorder[scenarios * 2];
    uncorrected = new SingleWriterRecorder[scenarios * 2];
    for (int i = 0; i < scenarios * 2; i++) {
      corrected[i] = new SingleWriterRecorder(3);
      uncorrected[i] = new SingleWriterRecorder(3);
    }
  }

  /**
   * {@link #MEASURED} when a request due at {@code intendedNanos} belongs to the measured part
   * (due at or after {@code measureStart}), else {@link #WARMUP}; computed without a branch.
   */
  static int bank(long intendedNanos, long measureStart) {
    return (int) ((measureStart - 1 - intendedNanos) >>> 63);
  }

  /** 1 when {@code value > limit}, else 0, without a branch (both within ±2^62). */
  static long above(long value, long limit) {
    return (limit - value) >>> 63;
  }

  /** Adds {@code n} to a whole-run counter (warm-up included: in flight, connections, all responses). */
  void add(int counter, long n) {
    counters.lazySet(counter, counters.get(counter) + n);
  }

  void inc(int counter) {
    counters.lazySet(counter, counters.get(counter) + 1);
  }

  /** Adds {@code n} to {@code counter} of {@code bank} (a per-request figure). */
  void add(int bank, int counter, long n) {
    int i = slot(bank, counter);
    counters.lazySet(i, counters.get(i) + n);
  }

  /** The measured bank's (or a whole-run) counter. */
  long get(int counter) {
    return counters.get(counter);
  }

  private static int slot(int bank, int counter) {
    // the measured bank shares the plain indexes that get() reads; the warm-up bank lies after them
    return counter + (1 - bank) * COUNTERS;
  }

  void status(int bank, int status) {
    int i = status + (1 - bank) * STATUSES;
    statuses.lazySet(i, statuses.get(i) + 1);
  }

  long statusCount(int status) {
    return statuses.get(status);
  }

  /** Counts one request of {@code scenario} in {@code bank}; {@code error} is 0 or 1. */
  void scenario(int bank, int scenario, int error) {
    int i = (bank * scenarios + scenario) * 2;
    perScenario.lazySet(i, perScenario.get(i) + 1);
    perScenario.lazySet(i + 1, perScenario.get(i + 1) + error);
  }

  long scenarioRequests(int scenario) {
    return perScenario.get((scenarios + scenario) * 2);
  }

  long scenarioErrors(int scenario) {
    return perScenario.get((scenarios + scenario) * 2 + 1);
  }

  /** Records an answer's latency; {@code correctedNanos} is negative when there is none (closed model). */
  void latency(int bank, int scenario, long correctedNanos, long uncorrectedNanos) {
    int i = bank * scenarios + scenario;
    if (correctedNanos >= 0) {
      corrected[i].recordValue(Math.max(1, correctedNanos / 1000));
    }
    uncorrected[i].recordValue(Math.max(1, uncorrectedNanos / 1000));
  }

  void lag(int bank, long nanos) {
    lag[bank].recordValue(Math.max(1, nanos / 1000));
  }

  /** The measured corrected latencies recorded since the last call (sampler thread only). */
  Histogram takeCorrected(int scenario, Histogram recycle) {
    return corrected[scenarios + scenario].getIntervalHistogram(recycle);
  }

  Histogram takeUncorrected(int scenario, Histogram recycle) {
    return uncorrected[scenarios + scenario].getIntervalHistogram(recycle);
  }

  Histogram takeLag(Histogram recycle) {
    return lag[MEASURED].getIntervalHistogram(recycle);
  }
}
