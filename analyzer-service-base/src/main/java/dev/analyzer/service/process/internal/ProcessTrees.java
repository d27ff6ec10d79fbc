package dev.analyzer.service.process.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Kills a process and all its descendants. The tree is snapshotted before anything is signalled,
 * because once a parent dies its children are reparented and no longer show up as its
 * descendants. Each member gets SIGTERM, then, after a short grace, SIGKILL; descendants are
 * killed before their parents and the snapshot is refreshed while the root lives, so children forked
 * during the kill are caught. Killed processes are reaped ({@link ChildReaper}). Stateless.
 */
public final class ProcessTrees {

  /** How long members get to exit after SIGTERM before SIGKILL. */
  public static final Duration DEFAULT_GRACE = Duration.ofMillis(300);
  private static final int KILL_ROUNDS = 5;
  private static final long SELF_PID = ProcessHandle.current().pid();
  private static final long SELF_SESSION = ProcStat.all().stream().filter(s -> s.pid() == SELF_PID)
      .mapToLong(ProcStat::session).findFirst().orElse(-1);

  private ProcessTrees() {}

  /**
   * Kills {@code root} and its descendants and waits (up to about a second past the grace) until
   * they are gone.
   *
   * @return the pids that were signalled
   */
  public static List<Long> kill(ProcessHandle root, Duration grace) {
    Map<Long, ProcessHandle> members = snapshot(root);
    for (ProcessHandle h : members.values()) {
      h.destroy();
    }
    awaitExit(members.values(), grace.toMillis());
    for (int round = 0; round < KILL_ROUNDS; round++) {
      if (root.isAlive()) {
        members.putAll(snapshot(root));
      }
      List<ProcessHandle> alive = members.values().stream().filter(ProcessHandle::isAlive)
          .collect(Collectors.toList());
      if (alive.isEmpty()) {
        break;
      }
      for (ProcessHandle h : alive) {
        h.destroyForcibly();
      }
      awaitExit(alive, 200);
    }
    List<Long> pids = new ArrayList<>(members.keySet());
    ChildReaper.get().reap(pids, 500);
    return pids;
  }

  /**
   * Root plus every descendant, leaves first so children are signalled before their parents, plus
   * (on Linux) every process in the session the root leads: the runner starts tools under
   * {@code setsid}, so their orphans are found even after their parent died.
   */
  private static Map<Long, ProcessHandle> snapshot(ProcessHandle root) {
    List<ProcessHandle> descendants = root.descendants().collect(Collectors.toList());
    Map<Long, ProcessHandle> out = new LinkedHashMap<>();
    for (ProcessHandle h : sessionMembers(root.pid())) {
      out.put(h.pid(), h);
    }
    for (int i = descendants.size() - 1; i >= 0; i--) {
      out.put(descendants.get(i).pid(), descendants.get(i));
    }
    out.remove(root.pid());
    out.put(root.pid(), root);
    return out;
  }

  /** Live processes whose session id is {@code sessionId} (never this JVM's own session). */
  public static List<ProcessHandle> sessionMembers(long sessionId) {
    List<ProcessHandle> out = new ArrayList<>();
    if (sessionId == SELF_SESSION) {
      return out;
    }
    for (ProcStat s : ProcStat.all()) {
      if (s.session() == sessionId && s.state() != 'Z' && s.pid() != SELF_PID) {
        ProcessHandle.of(s.pid()).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * Kills every live process of the session {@code sessionId} whose leader has already exited
   * (the orphans a tool left running).
   */
  public static void killSession(long sessionId, Duration grace) {
    for (ProcessHandle h : sessionMembers(sessionId)) {
      if (h.isAlive()) {
        kill(h, grace);
      }
    }
  }

  private static void awaitExit(Iterable<ProcessHandle> handles, long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (ProcessHandle h : handles) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception timeoutOrGone) {
        // checked again by the caller through isAlive()
      }
    }
  }
}
