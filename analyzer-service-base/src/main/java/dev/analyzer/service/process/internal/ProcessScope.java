package dev.analyzer.service.process.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live processes of one analysis. {@link #close()} kills every registered tree and refuses new
 * registrations, so a process that starts while the analysis is being cancelled is killed at once.
 * Thread-safe.
 */
public final class ProcessScope implements AutoCloseable {

  private final Set<Process> live = ConcurrentHashMap.newKeySet();
  private final Duration grace;
  private volatile boolean closed;

  public ProcessScope(Duration grace) {
    this.grace = grace;
  }

  /** False once closed. */
  public boolean isOpen() {
    return !closed;
  }

  /**
   * Registers a started process.
   *
   * @return false when the scope is already closed (the caller must kill the process)
   */
  boolean register(Process p) {
    live.add(p);
    if (closed) {
      live.remove(p);
      return false;
    }
    return true;
  }

  void unregister(Process p) {
    live.remove(p);
  }

  /** Pids of the processes running now (roots only). */
  public List<Long> livePids() {
    List<Long> out = new ArrayList<>();
    for (Process p : live) {
      out.add(p.pid());
    }
    return out;
  }

  /** Kills every registered process tree; later registrations are refused. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (Process p : new ArrayList<>(live)) {
      ProcessTrees.kill(p.toHandle(), grace);
    }
  }
}
