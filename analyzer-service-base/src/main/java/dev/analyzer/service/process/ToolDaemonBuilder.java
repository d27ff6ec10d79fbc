package dev.analyzer.service.process;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.process.internal.RestartBackoff;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds a {@link ToolDaemon}. Not thread-safe; each {@code withX} validates its value and names the
 * setting in the error.
 */
public final class ToolDaemonBuilder {

  final String name;
  final ProcessSpec spec;
  HealthProbe probe = HealthProbe.PROCESS_ALIVE;
  Duration probeInterval = Duration.ofSeconds(2);
  int failureThreshold = 3;
  Duration startupTimeout = Duration.ofSeconds(30);
  RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));
  Duration stopGrace = Duration.ofSeconds(2);
  ScheduledExecutorService scheduler;
  Environment parentEnvironment = Environment.system();

  ToolDaemonBuilder(String name, ProcessSpec spec) {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("daemon name must be 1..64 of [A-Za-z0-9._-], got " + name);
    }
    if (spec == null) {
      throw new IllegalArgumentException("daemon " + name + " needs a process spec");
    }
    this.name = name;
    this.spec = spec;
  }

  /** How health is checked (default: the process is alive) and how often (default 2 s). */
  public ToolDaemonBuilder withHealthProbe(HealthProbe probe, Duration interval) {
    if (probe == null) {
      throw new IllegalArgumentException("daemon " + name + " health probe must not be null");
    }
    this.probe = probe;
    this.probeInterval = positive("probe interval", interval);
    return this;
  }

  /** Consecutive failed probes of a healthy daemon before it is restarted; 1..100, default 3. */
  public ToolDaemonBuilder withFailureThreshold(int probes) {
    if (probes < 1 || probes > 100) {
      throw new IllegalArgumentException("daemon " + name + " failure threshold must be 1..100, got " + probes);
    }
    this.failureThreshold = probes;
    return this;
  }

  /** How long a start may take to pass its first probe before it counts as failed; default 30 s. */
  public ToolDaemonBuilder withStartupTimeout(Duration timeout) {
    this.startupTimeout = positive("startup timeout", timeout);
    return this;
  }

  /** Restart delays: {@code initial}, doubling per failed attempt, capped at {@code max}; default 0.5 s .. 30 s. */
  public ToolDaemonBuilder withRestartBackoff(Duration initial, Duration max) {
    this.backoff = new RestartBackoff(initial, max);
    return this;
  }

  /** How long a stop waits after SIGTERM before SIGKILL; default 2 s. */
  public ToolDaemonBuilder withStopGrace(Duration grace) {
    this.stopGrace = positive("stop grace", grace);
    return this;
  }

  /**
   * The scheduler that runs probes and restarts (tests pass one that records or shortens delays).
   * Default: a private single daemon thread, shut down by {@link ToolDaemon#close()}; a given one is
   * not shut down.
   */
  public ToolDaemonBuilder withScheduler(ScheduledExecutorService scheduler) {
    if (scheduler == null) {
      throw new IllegalArgumentException("daemon " + name + " scheduler must not be null");
    }
    this.scheduler = scheduler;
    return this;
  }

  /** The environment the child's allow-listed one is built from; default the service's own. */
  public ToolDaemonBuilder withParentEnvironment(Environment environment) {
    if (environment == null) {
      throw new IllegalArgumentException("daemon " + name + " parent environment must not be null");
    }
    this.parentEnvironment = environment;
    return this;
  }

  /** The daemon, not yet started: it starts on the first {@link ToolDaemon#ensureRunning()}. */
  public ToolDaemon build() {
    return new ToolDaemon(this);
  }

  private Duration positive(String what, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("daemon " + name + " " + what + " must be > 0, got " + d);
    }
    return d;
  }
}
