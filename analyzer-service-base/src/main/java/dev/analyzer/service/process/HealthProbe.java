package dev.analyzer.service.process;

/**
 * Asks whether a {@link ToolDaemon}'s server answers (an HTTP GET on its port, a TCP connect, a
 * {@code --ping}). Called on the daemon's scheduler thread, never on an event loop, one call at a
 * time; it should answer within the probe interval. Returning false or throwing counts as a
 * failed probe.
 */
@FunctionalInterface
public interface HealthProbe {

  /** Healthy while the process is alive. */
  HealthProbe PROCESS_ALIVE = pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);

  /** @param pid the daemon process's pid */
  boolean isHealthy(long pid) throws Exception;
}
