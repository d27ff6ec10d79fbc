package dev.analyzer.service.process.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live processes of one analysis and their scratch directory. {@link #close()} kills every
 * registered tree, deletes the scratch directory and refuses new registrations, so a process that
 * starts while the analysis is being cancelled is killed at once. Thread-safe.
 */
public final class ProcessScope implements AutoCloseable {

  private final Set<Process> live = ConcurrentHashMap.newKeySet();
  private final Duration grace;
  private final ScratchDirectory scratch;
  private volatile boolean closed;

  public ProcessScope(Duration grace) {
    this(grace, ScratchDirectory.inTempDir());
  }

  ProcessScope(Duration grace, ScratchDirectory scratch) {
    this.grace = grace;
    this.scratch = scratch;
  }

  /** The HOME and TMPDIR of this scope's processes, deleted on {@link #close()}. */
  ScratchDirectory scratch() {
    return scratch;
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

  /** Kills every registered process tree and deletes the scratch directory; later registrations are refused. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (Process p : new ArrayList<>(live)) {
      ProcessTrees.kill(p.toHandle(), grace);
    }
    scratch.delete();
  }
}
