package dev.analyzer.performance.generator.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load of one event-loop thread: its share of the connections and, in the open model, every
 * {@code count}-th request of the schedule starting at {@code index}. Closed model: each connection
 * sends again as soon as its answer arrived (after the think time). Open model: its {@link OpenPacer} wakes at
 * each due time and sends on an idle connection; a request due while every connection is busy
 * waits and leaves as soon as one frees (its latency still counts from its due time), is
 * {@code late} when it leaves more than {@code late_after} after it, and is {@code dropped} when
 * it could not leave within the request timeout. Every method runs on {@link #loop()}.
 */
final class Worker {

  private static final long MIN_BACKOFF = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(1);
  private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final RunContext run;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  final WorkerStats stats;
  private final ScenarioPicker picker;
  private final ArrayDeque<LoadConnection> idle = new ArrayDeque<>();
  private final List<LoadConnection> connections = new ArrayList<>();
  private long measureStart;
  private long end;
  private boolean started;
  private boolean sending;
  private boolean stopped;
  private ScheduledFuture<?> sweeper;
  private final OpenPacer pacer;

  Worker(RunContext run, int index, int count, EventLoop loop, Bootstrap bootstrap) {
    this.run = run;
    this.loop = loop;
    this.bootstrap = bootstrap;
    this.stats = new WorkerStats(run.requests.length);
    this.picker = new ScenarioPicker(run.plan.scenarios());
    this.pacer = run.open ? new OpenPacer(run, index, count, loop, stats) : null;
  }

  EventLoop loop() {
    return loop;
  }

  RequestBytes request(int scenario) {
    return run.requests[scenario];
  }

  /** Opens {@code n} connections (they wait idle until {@link #begin}). */
  void open(int n) {
    for (int i = 0; i < n; i++) {
      LoadConnection c = new LoadConnection(this);
      connections.add(c);
      connect(c);
    }
    sweeper = loop.scheduleAtFixedRate(this::sweep, SWEEP_NANOS, SWEEP_NANOS, TimeUnit.NANOSECONDS);
  }

  private void connect(LoadConnection c) {
    ChannelFuture f = bootstrap.clone().handler(run.initializer(c)).connect(run.target.address());
    f.addListener(done -> {
      if (!done.isSuccess() && !stopped) {
        if (System.nanoTime() >= measureStart && started) {
          stats.inc(WorkerStats.CONNECT);
        }
        stats.inc(WorkerStats.ERRORS_ALL);
        c.backoffNanos = Math.min(MAX_BACKOFF, Math.max(MIN_BACKOFF, c.backoffNanos * 2));
        loop.schedule(() -> {
          if (!stopped) {
            connect(c);
          }
        }, c.backoffNanos, TimeUnit.NANOSECONDS);
      }
    });
  }

  /** Starts sending: the warm-up begins at {@code t0}, the measured part after it, and sending stops at the end. */
  void begin(long t0) {
    this.measureStart = t0 + run.warmupNanos;
    this.end = measureStart + run.durationNanos;
    this.started = true;
    this.sending = true;
    if (run.open) {
      pacer.begin(t0, measureStart, this::dispatch);
    } else {
      long now = System.nanoTime();
      while (!idle.isEmpty()) {
        sendClosed(idle.pop(), now);
      }
    }
  }

  /** Stops sending; requests due but never sent count as dropped. */
  void stopSending() {
    if (!sending) {
      return;
    }
    sending = false;
    if (pacer != null) {
      pacer.stop();
    }
  }

  /** Closes every connection and opens no more. */
  void stop() {
    stopSending();
    stopped = true;
    if (sweeper != null) {
      sweeper.cancel(false);
    }
    for (LoadConnection c : connections) {
      c.close();
    }
  }

  private void dispatch(long now) {
    while (pacer.hasWaiting() && !idle.isEmpty()) {
      sendPending(idle.pop(), now);
    }
  }

  private void sendPending(LoadConnection c, long now) {
    long intended = pacer.take(now);
    if (intended == OpenPacer.NONE) {
      idle.push(c);
      return;
    }
    // the same code for warm-up and measured requests (see WorkerStats): no branch on the phase
    int bank = WorkerStats.bank(intended, measureStart);
    long lag = Math.max(0, now - intended);
    stats.lag(bank, lag);
    stats.add(bank, WorkerStats.LATE, WorkerStats.above(lag, run.lateNanos));
    stats.add(bank, WorkerStats.SENT, 1);
    stats.inc(WorkerStats.IN_FLIGHT);
    c.send(picker.next(), intended, now);
    pacer.sent(now);
  }

  private void sendClosed(LoadConnection c, long now) {
    if (!sending || now >= end) {
      sending = false;
      idle.push(c);
      return;
    }
    stats.add(WorkerStats.bank(now, measureStart), WorkerStats.SENT, 1);
    stats.inc(WorkerStats.IN_FLIGHT);
    c.send(picker.next(), now, now);
  }

  private void ready(LoadConnection c) {
    if (c.closing || c.channel() == null) {
      return;
    }
    if (!started || !sending) {
      idle.push(c);
    } else if (run.open) {
      sendPending(c, System.nanoTime());
    } else if (run.thinkNanos > 0) {
      loop.schedule(() -> {
        if (!c.closing && c.channel() != null) {
          sendClosed(c, System.nanoTime());
        }
      }, run.thinkNanos, TimeUnit.NANOSECONDS);
    } else {
      sendClosed(c, System.nanoTime());
    }
  }

  void connected(LoadConnection c) {
    c.backoffNanos = 0;
    stats.inc(WorkerStats.OPEN_CONNECTIONS);
    if (stopped) {
      c.close();
      return;
    }
    ready(c);
  }

  void completed(LoadConnection c, int status, long now) {
    answered();
    stats.inc(WorkerStats.RESPONSES_ALL);
    int error = run.plan.scenarios().get(c.scenario).accepts(status) ? 0 : 1;
    stats.add(WorkerStats.ERRORS_ALL, error);
    // warm-up answers are recorded like measured ones, into a bank nobody reads (see WorkerStats)
    int bank = WorkerStats.bank(c.intendedNanos, measureStart);
    stats.add(bank, WorkerStats.REQUESTS, 1);
    stats.add(bank, WorkerStats.BYTES, c.responseBytes);
    stats.status(bank, status);
    stats.scenario(bank, c.scenario, error);
    stats.add(bank, WorkerStats.STATUS, error);
    stats.latency(bank, c.scenario, run.open ? now - c.intendedNanos : -1, now - c.sentNanos);
    ready(c);
  }

  void failed(LoadConnection c, int kind) {
    answered();
    if (stopped) {
      // cut off by the end of the run, not by the target
      stats.inc(WorkerStats.UNFINISHED);
      return;
    }
    stats.inc(WorkerStats.ERRORS_ALL);
    if (started) {
      int bank = WorkerStats.bank(c.intendedNanos, measureStart);
      stats.add(bank, WorkerStats.REQUESTS, 1);
      stats.add(bank, kind, 1);
      stats.scenario(bank, c.scenario, 1);
    }
  }

  void unsolicited(LoadConnection c) {
    c.close();
  }

  void lost(LoadConnection c) {
    stats.add(WorkerStats.OPEN_CONNECTIONS, -1);
    idle.remove(c);
    if (!stopped) {
      stats.inc(WorkerStats.RECONNECTS);
      connect(c);
    }
  }

  private void answered() {
    stats.add(WorkerStats.IN_FLIGHT, -1);
    if (pacer != null && stats.get(WorkerStats.IN_FLIGHT) == 0) {
      pacer.noneInFlight();
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (LoadConnection c : connections) {
      if (c.busy && now - c.sentNanos > run.timeoutNanos) {
        c.busy = false;
        failed(c, WorkerStats.TIMEOUT);
        c.close();
      }
    }
    if (pacer != null) {
      pacer.sweep(now);
    }
  }

  /** Nanoseconds this worker spent spinning towards due times (not load). */
  long spunNanos() {
    return pacer == null ? 0 : pacer.idleSpinNanos();
  }

  /** Requests sent and not yet answered. */
  long inFlight() {
    return stats.get(WorkerStats.IN_FLIGHT);
  }
}
