package dev.analyzer.service.process.internal;

import dev.analyzer.service.process.LineListener;
import dev.analyzer.service.process.OutputLine;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessResult.Termination;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ProcessRunner} of one analysis: starts each process with stdin from /dev/null and an
 * allow-listed environment ({@link ChildEnvironment}; HOME and TMPDIR in the scope's scratch
 * directory), registers it in the analysis's {@link ProcessScope}, drains its output on the I/O
 * executor (handing lines to the spec's {@link LineListener} there, never on an event loop), and kills its whole tree on timeout or when the scope closes. Thread-safe.
 */
public final class ScopedProcessRunner implements ProcessRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ScopedProcessRunner.class);
  private static final File DEV_NULL = new File("/dev/null");
  /** How long to keep draining after the root exits (a background child may hold the pipe open). */
  private static final long DRAIN_AFTER_EXIT_MILLIS = 1000;
  /** setsid(1) when present: tools then lead their own session, and orphans can be found by it. */
  static final String SETSID = ProcessRunner.which("setsid").map(Object::toString).orElse(null);
  private static final long WATCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final ProcessScope scope;
  private final ExecutorService ioExecutor;
  private final Duration grace;
  private final ChildEnvironment childEnvironment;

  /** A runner whose children get an allow-listed environment built from the service's own. */
  public ScopedProcessRunner(ProcessScope scope, ExecutorService ioExecutor, Duration grace) {
    this(scope, ioExecutor, grace, ChildEnvironment.ofSystem());
  }

  /** A runner whose children get an allow-listed environment built from {@code childEnvironment}'s parent. */
  public ScopedProcessRunner(ProcessScope scope, ExecutorService ioExecutor, Duration grace,
      ChildEnvironment childEnvironment) {
    this.scope = scope;
    this.ioExecutor = ioExecutor;
    this.grace = grace;
    this.childEnvironment = childEnvironment;
  }

  @Override
  public ProcessResult run(ProcessSpec spec) {
    long started = System.nanoTime();
    if (!scope.isOpen()) {
      return new ProcessResult(spec.command(), -1, Termination.CANCELLED, null, "", "", false, false,
          Duration.ZERO, "analysis was cancelled before " + spec.command().get(0) + " started");
    }
    String exe = spec.command().get(0);
    if (ProcessRunner.which(exe).isEmpty()) {
      return new ProcessResult(spec.command(), -1, Termination.START_FAILED, null, "", "", false, false,
          elapsed(started), exe.contains("/") ? exe + ": not an executable file" : exe + ": not found on PATH");
    }
    java.nio.file.Path scratch;
    try {
      scratch = scope.scratch().get();
    } catch (IllegalStateException closed) {
      return new ProcessResult(spec.command(), -1, Termination.CANCELLED, null, "", "", false, false,
          elapsed(started), "analysis was cancelled before " + exe + " started");
    } catch (java.io.UncheckedIOException e) {
      return new ProcessResult(spec.command(), -1, Termination.START_FAILED, null, "", "", false, false,
          elapsed(started), exe + " could not start: " + e.getMessage());
    }
    ProcessBuilder pb = new ProcessBuilder(inOwnSession(spec.command()))
        .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    if (spec.workingDirectory() != null) {
      pb.directory(spec.workingDirectory().toFile());
    }
    pb.environment().clear();
    pb.environment().putAll(childEnvironment.forSpec(spec, scratch));
    ChildReaper reaper = ChildReaper.get();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new ProcessResult(spec.command(), -1, Termination.START_FAILED, null, "", "", false, false,
          elapsed(started), startError(spec, e));
    }
    reaper.javaChildStarted(p.pid());
    LineDispatcher dispatcher = spec.lineListener() == LineListener.NONE ? null
        : new LineDispatcher(exe, spec.lineListener());
    OutputCapture out = new OutputCapture(p.getInputStream(), spec.stdoutLimitBytes(),
        splitter(dispatcher, OutputLine.Stream.STDOUT, spec));
    OutputCapture err = new OutputCapture(p.getErrorStream(), spec.stderrLimitBytes(),
        splitter(dispatcher, OutputLine.Stream.STDERR, spec));
    Future<?> outDone = ioExecutor.submit(out);
    Future<?> errDone = ioExecutor.submit(err);
    Termination termination = Termination.EXITED;
    String error = null;
    Map<Long, ProcessHandle> leftBehind = new HashMap<>();
    try {
      if (!scope.register(p)) {
        ProcessTrees.kill(p.toHandle(), grace);
        termination = Termination.CANCELLED;
        error = "analysis was cancelled";
      } else if (!waitWatchingDescendants(p, spec.timeout(), leftBehind)) {
        ProcessTrees.kill(p.toHandle(), grace);
        termination = scope.isOpen() ? Termination.TIMED_OUT : Termination.CANCELLED;
        error = termination == Termination.TIMED_OUT
            ? spec.command().get(0) + " ran past its timeout of " + spec.timeout().toSeconds() + " s and was killed"
            : "analysis was cancelled";
      } else if (!scope.isOpen()) {
        termination = Termination.CANCELLED;
        error = "analysis was cancelled";
      }
      p.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      ProcessTrees.kill(p.toHandle(), grace);
      termination = Termination.CANCELLED;
      error = "analysis was cancelled";
      Thread.currentThread().interrupt();
    } finally {
      scope.unregister(p);
      killLeftBehind(leftBehind.values());
      if (SETSID != null) {
        ProcessTrees.killSession(p.pid(), grace);
      }
    }
    finishDraining(p, outDone, errDone);
    reaper.javaChildEnded(p.pid());
    Integer exit = termination == Termination.EXITED && !p.isAlive() ? p.exitValue() : null;
    LOG.debug("{} (pid {}) ended: {} exit={}", spec.command().get(0), p.pid(), termination, exit);
    return new ProcessResult(spec.command(), p.pid(), termination, exit, out.text(), err.text(),
        out.truncated(), err.truncated(), elapsed(started), error);
  }

  /**
   * Waits for {@code p} up to {@code timeout}, recording its descendants as it goes, so that
   * background children it leaves behind when it exits can still be found and killed.
   *
   * @return true when it exited in time
   */
  private static boolean waitWatchingDescendants(Process p, Duration timeout, Map<Long, ProcessHandle> seen)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      if (p.waitFor(Math.min(left, WATCH_INTERVAL_NANOS), TimeUnit.NANOSECONDS)) {
        return true;
      }
      p.descendants().forEach(h -> seen.put(h.pid(), h));
    }
  }

  private void killLeftBehind(Collection<ProcessHandle> handles) {
    for (ProcessHandle h : handles) {
      if (h.isAlive()) {
        LOG.debug("killing pid {} left behind by its parent", h.pid());
        ProcessTrees.kill(h, grace);
      }
    }
  }

  /**
   * Prefixes {@code setsid}, which execs the tool in place (same pid) as leader of a new session,
   * so every process the tool starts carries the tool's pid as its session id.
   */
  static List<String> inOwnSession(List<String> command) {
    if (SETSID == null) {
      return command;
    }
    List<String> out = new ArrayList<>(command.size() + 1);
    out.add(SETSID);
    out.addAll(command);
    return out;
  }

  private static void finishDraining(Process p, Future<?> outDone, Future<?> errDone) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_AFTER_EXIT_MILLIS);
    for (Future<?> f : new Future<?>[] {outDone, errDone}) {
      try {
        f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception stillOpen) {
        // a descendant still holds the pipe: stop reading, the data so far is kept
      }
    }
    closeQuietly(p);
  }

  private static void closeQuietly(Process p) {
    try {
      p.getInputStream().close();
      p.getErrorStream().close();
      p.getOutputStream().close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  private static LineSplitter splitter(LineDispatcher dispatcher, OutputLine.Stream stream, ProcessSpec spec) {
    return dispatcher == null ? null : new LineSplitter(stream, spec.maxLineBytes(), dispatcher::deliver);
  }

  private static String startError(ProcessSpec spec, IOException e) {
    String exe = spec.command().get(0);
    if (ProcessRunner.which(exe).isEmpty()) {
      return exe + ": not found on PATH";
    }
    if (spec.workingDirectory() != null && !spec.workingDirectory().toFile().isDirectory()) {
      return exe + ": working directory does not exist: " + spec.workingDirectory();
    }
    return exe + " could not start: " + e.getMessage();
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
