package dev.analyzer.service.process;

import dev.analyzer.service.process.internal.DaemonProcess;
import dev.analyzer.service.process.internal.DaemonProcess.DaemonScratch;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool that runs as a server beside the service (a scanner daemon, a local model server).
 *
 * <p>It starts on the first {@link #ensureRunning()}, as a child like an analysis's tools (argument
 * list, allow-listed environment, HOME/TMPDIR in its own scratch directory, own session), and is
 * probed every interval. It is restarted, after a delay that doubles per failed attempt (see
 * {@link ToolDaemonBuilder#withRestartBackoff}), when it exits, when it does not pass a probe within
 * the startup timeout, or when a healthy daemon fails {@code failureThreshold} probes in a row; the
 * delay resets once it is healthy again. {@link #close()} kills its whole tree and session; a
 * service returns its daemons from {@link dev.analyzer.service.AnalyzerService#daemons()} and the
 * server closes them on shutdown, so none is left behind. The spec's timeout and output caps do not
 * apply; its line listener gets the daemon's output.
 *
 * <p>Thread-safe. Probes and restarts run on the scheduler, never on an event loop.
 */
public final class ToolDaemon implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ToolDaemon.class);

  /** Where a daemon is in its life. */
  public enum State {
    NOT_STARTED, STARTING, HEALTHY, RESTARTING, STOPPED
  }

  private final ToolDaemonBuilder config;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final DaemonScratch scratch = new DaemonScratch();
  private State state = State.NOT_STARTED;
  private DaemonProcess current;
  private ScheduledFuture<?> probeTask;
  private CompletableFuture<Long> ready = new CompletableFuture<>();
  private long generation;
  private long startedNanos;
  private int probeFailures;
  private int failedAttempts;
  private int restarts;

  ToolDaemon(ToolDaemonBuilder b) {
    this.config = b;
    this.ownScheduler = b.scheduler == null;
    if (ownScheduler) {
      ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "daemon-" + b.name);
        t.setDaemon(true);
        return t;
      });
      own.setRemoveOnCancelPolicy(true);
      this.scheduler = own;
    } else {
      this.scheduler = b.scheduler;
    }
  }

  /** A builder for a daemon called {@code name} (used in logs and errors) that runs {@code spec}. */
  public static ToolDaemonBuilder builder(String name, ProcessSpec spec) {
    return new ToolDaemonBuilder(name, spec);
  }

  public String name() {
    return config.name;
  }

  /**
   * Starts the daemon if it has not started yet and waits until it passes a probe, across restarts,
   * for up to the startup timeout. Blocks: call it on an analysis thread, never on an event loop.
   *
   * @return the pid of the healthy process
   * @throws IllegalStateException when it is stopped, or not healthy in time (the message names it)
   */
  public long ensureRunning() throws InterruptedException {
    CompletableFuture<Long> waitFor;
    synchronized (this) {
      if (state == State.STOPPED) {
        throw new IllegalStateException("daemon " + config.name + " is stopped");
      }
      if (state == State.NOT_STARTED) {
        spawn();
      }
      waitFor = ready;
    }
    try {
      return waitFor.get(config.startupTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("daemon " + config.name + " did not become healthy within "
          + config.startupTimeout.toMillis() + " ms (state " + state() + ", " + restarts() + " restarts)");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  public synchronized State state() {
    return state;
  }

  /** The pid of the current process while one is alive. */
  public synchronized OptionalLong pid() {
    return current != null && current.isAlive() ? OptionalLong.of(current.pid()) : OptionalLong.empty();
  }

  /** How many times it was restarted. */
  public synchronized int restarts() {
    return restarts;
  }

  /** Stops the daemon for good: kills its tree and session and deletes its scratch directory. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (state == State.STOPPED) {
        return;
      }
      state = State.STOPPED;
      stopCurrent();
      ready.completeExceptionally(new IllegalStateException("daemon " + config.name + " is stopped"));
    }
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
    scratch.delete();
    LOG.info("daemon {} stopped", config.name);
  }

  private synchronized void spawn() {
    if (state == State.STOPPED) {
      return;
    }
    generation++;
    try {
      current = DaemonProcess.start(config.name, config.spec, config.parentEnvironment, scratch);
    } catch (UncheckedIOException | IllegalStateException e) {
      LOG.warn("daemon {} could not start: {}", config.name, e.getMessage());
      current = null;
      scheduleRestart();
      return;
    }
    state = State.STARTING;
    startedNanos = System.nanoTime();
    probeFailures = 0;
    long gen = generation;
    LOG.info("daemon {} started (pid {})", config.name, current.pid());
    current.onExit().thenRunAsync(() -> exited(gen));
    // the first probe waits one interval: a process that dies at once must not count as healthy
    probeTask = scheduler.scheduleWithFixedDelay(() -> probe(gen), config.probeInterval.toNanos(),
        config.probeInterval.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void probe(long gen) {
    DaemonProcess p;
    synchronized (this) {
      if (gen != generation || state == State.STOPPED) {
        return;
      }
      p = current;
    }
    boolean ok;
    try {
      ok = p.isAlive() && config.probe.isHealthy(p.pid());
    } catch (Exception e) {
      LOG.debug("daemon {} probe failed: {}", config.name, e.toString());
      ok = false;
    }
    synchronized (this) {
      if (gen != generation || state == State.STOPPED) {
        return;
      }
      if (ok) {
        probeFailures = 0;
        if (state == State.STARTING) {
          state = State.HEALTHY;
          failedAttempts = 0;
          ready.complete(p.pid());
          LOG.info("daemon {} healthy (pid {})", config.name, p.pid());
        }
      } else if (state == State.STARTING) {
        if (System.nanoTime() - startedNanos > config.startupTimeout.toNanos()) {
          fail("did not pass its health probe within " + config.startupTimeout.toMillis() + " ms");
        }
      } else if (++probeFailures >= config.failureThreshold) {
        fail("failed " + probeFailures + " health probes in a row");
      }
    }
  }

  private synchronized void exited(long gen) {
    if (gen != generation || state == State.STOPPED) {
      return;
    }
    fail("exited");
  }

  private void fail(String why) {
    LOG.warn("daemon {} (pid {}) {}; restarting", config.name, current == null ? -1 : current.pid(), why);
    stopCurrent();
    scheduleRestart();
  }

  private void stopCurrent() {
    generation++;
    if (probeTask != null) {
      probeTask.cancel(false);
      probeTask = null;
    }
    if (current != null) {
      current.stop(config.stopGrace);
      current = null;
    }
  }

  private void scheduleRestart() {
    failedAttempts++;
    restarts++;
    state = State.RESTARTING;
    if (ready.isDone()) {
      ready = new CompletableFuture<>();
    }
    Duration delay = config.backoff.delay(failedAttempts);
    LOG.info("daemon {} restarts in {} ms (attempt {})", config.name, delay.toMillis(), failedAttempts);
    scheduler.schedule(this::spawn, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
