package dev.analyzer.service.process.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure killed grandchildren do not linger as zombies.
 *
 * <p>When a tool's process tree is killed, the grandchildren are reparented to the nearest
 * "subreaper", normally PID 1. Not every PID 1 reaps (a container's or a VM's init may not), so on
 * Linux this class makes the JVM a child subreaper ({@code prctl(PR_SET_CHILD_SUBREAPER)}) and
 * reaps the processes it killed with {@code waitpid}. A sweeper also reaps zombie children that
 * were not started through {@link ProcessBuilder} (Java reaps its own children) once they have been
 * seen as zombies twice, so it never races the JDK's own reaper.
 *
 * <p>Without Linux or JNA everything here is a no-op and the OS's init is relied on. Thread-safe;
 * one instance per JVM ({@link #get()}).
 */
public final class ChildReaper {

  private static final Logger LOG = LoggerFactory.getLogger(ChildReaper.class);
  private static final int PR_SET_CHILD_SUBREAPER = 36;
  private static final int WNOHANG = 1;
  private static final long SWEEP_MILLIS = 2000;
  private static final ChildReaper INSTANCE = new ChildReaper();

  /** The libc calls used; loaded through JNA. */
  interface LibC extends Library {
    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int waitpid(int pid, int[] status, int options);
  }

  private final LibC libc;
  private final boolean subreaper;
  private final long selfPid = ProcessHandle.current().pid();
  private final Set<Long> javaChildren = ConcurrentHashMap.newKeySet();
  private final Set<Long> seenZombies = ConcurrentHashMap.newKeySet();

  private ChildReaper() {
    LibC lib = null;
    boolean enabled = false;
    if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      try {
        lib = Native.load("c", LibC.class);
        enabled = lib.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
      } catch (Throwable t) {
        LOG.debug("child subreaper not available, relying on init to reap: {}", t.toString());
      }
    }
    this.libc = lib;
    this.subreaper = enabled;
    if (enabled) {
      ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "analyzer-child-reaper");
        t.setDaemon(true);
        return t;
      });
      sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** The JVM-wide reaper; the first call makes the JVM a subreaper. */
  public static ChildReaper get() {
    return INSTANCE;
  }

  /** True when the JVM is a child subreaper and reaps what it kills. */
  public boolean isActive() {
    return subreaper;
  }

  /** Records a child started by {@link ProcessBuilder}, which the JDK reaps itself. */
  void javaChildStarted(long pid) {
    javaChildren.add(pid);
  }

  /** Forgets a JDK-reaped child once it has been waited for. */
  void javaChildEnded(long pid) {
    javaChildren.remove(pid);
  }

  /**
   * Reaps {@code pids} that are (or become, within {@code waitMillis}) zombie children of this JVM.
   * Processes still running, or children of someone else, are left alone.
   */
  void reap(Collection<Long> pids, long waitMillis) {
    if (!subreaper || pids.isEmpty()) {
      return;
    }
    Set<Long> pending = new HashSet<>(pids);
    pending.removeAll(javaChildren);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    int[] status = new int[1];
    while (!pending.isEmpty()) {
      pending.removeIf(pid -> {
        int r = libc.waitpid((int) (long) pid, status, WNOHANG);
        return r != 0;
      });
      if (pending.isEmpty() || System.nanoTime() > end) {
        return;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void sweep() {
    try {
      Set<Long> zombies = zombieChildren();
      for (Long pid : zombies) {
        if (!javaChildren.contains(pid) && seenZombies.contains(pid)) {
          libc.waitpid((int) (long) pid, new int[1], WNOHANG);
        }
      }
      seenZombies.retainAll(zombies);
      seenZombies.addAll(zombies);
    } catch (Throwable t) {
      LOG.debug("zombie sweep failed: {}", t.toString());
    }
  }

  private Set<Long> zombieChildren() {
    Set<Long> out = new HashSet<>();
    for (ProcStat s : ProcStat.all()) {
      if (s.state() == 'Z' && s.ppid() == selfPid) {
        out.add(s.pid());
      }
    }
    return out;
  }
}
