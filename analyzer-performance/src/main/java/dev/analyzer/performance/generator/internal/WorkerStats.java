package dev.analyzer.performance.generator.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The figures of one worker: counters and latency recorders written by the worker's event-loop
 * thread only (single writer: plain increments published with {@code lazySet}), read by the
 * sampler thread at any time. Latencies are recorded in microseconds.
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

  private final AtomicLongArray counters = new AtomicLongArray(COUNTERS);
  private final AtomicLongArray statuses = new AtomicLongArray(1000);
  private final AtomicLongArray perScenario;
  private final SingleWriterRecorder[] corrected;
  private final SingleWriterRecorder[] uncorrected;
  private final SingleWriterRecorder lag = new SingleWriterRecorder(3);

  WorkerStats(int scenarios) {
    perScenario = new AtomicLongArray(scenarios * 2);
    corrected = new SingleWriterRecorder[scenarios];
    uncorrected = new SingleWriterRecorder[scenarios];
    for (int i = 0; i < scenarios; i++) {
      corrected[i] = new SingleWriterRecorder(3);
      uncorrected[i] = new SingleWriterRecorder(3);
    }
  }

  void add(int counter, long n) {
    counters.lazySet(counter, counters.get(counter) + n);
  }

  void inc(int counter) {
    counters.lazySet(counter, counters.get(counter) + 1);
  }

  long get(int counter) {
    return counters.get(counter);
  }

  void status(int status) {
    statuses.lazySet(status, statuses.get(status) + 1);
  }

  long statusCount(int status) {
    return statuses.get(status);
  }

  void scenario(int scenario, boolean error) {
    perScenario.lazySet(scenario * 2, perScenario.get(scenario * 2) + 1);
    if (error) {
      perScenario.lazySet(scenario * 2 + 1, perScenario.get(scenario * 2 + 1) + 1);
    }
  }

  long scenarioRequests(int scenario) {
    return perScenario.get(scenario * 2);
  }

  long scenarioErrors(int scenario) {
    return perScenario.get(scenario * 2 + 1);
  }

  void latency(int scenario, long correctedNanos, long uncorrectedNanos) {
    if (correctedNanos >= 0) {
      corrected[scenario].recordValue(Math.max(1, correctedNanos / 1000));
    }
    uncorrected[scenario].recordValue(Math.max(1, uncorrectedNanos / 1000));
  }

  void lag(long nanos) {
    lag.recordValue(Math.max(1, nanos / 1000));
  }

  /** The corrected latencies recorded since the last call (sampler thread only). */
  Histogram takeCorrected(int scenario) {
    return corrected[scenario].getIntervalHistogram();
  }

  Histogram takeUncorrected(int scenario) {
    return uncorrected[scenario].getIntervalHistogram();
  }

  Histogram takeLag() {
    return lag.getIntervalHistogram();
  }
}
