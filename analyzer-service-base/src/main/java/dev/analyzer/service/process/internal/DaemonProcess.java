package dev.analyzer.service.process.internal;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.process.LineListener;
import dev.analyzer.service.process.OutputLine;
import dev.analyzer.service.process.ProcessSpec;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One run of a daemon's process: started like an analysis's tools (argument list, stdin from
 * /dev/null, allow-listed environment with HOME and TMPDIR in the daemon's scratch directory, own
 * session under setsid), output drained on two daemon threads into the spec's line listener, and
 * stopped by killing its whole tree and session. Thread-safe.
 */
public final class DaemonProcess {

  private final Process process;

  private DaemonProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code spec} (its timeout and output caps do not apply: a daemon runs until stopped, and
   * its output only goes to the line listener).
   *
   * @throws UncheckedIOException when it cannot start (the message names the executable)
   */
  public static DaemonProcess start(String name, ProcessSpec spec, Environment parent, DaemonScratch scratch) {
    ProcessBuilder pb = new ProcessBuilder(ScopedProcessRunner.inOwnSession(spec.command()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (spec.workingDirectory() != null) {
      pb.directory(spec.workingDirectory().toFile());
    }
    pb.environment().clear();
    pb.environment().putAll(new ChildEnvironment(parent).forSpec(spec, scratch.directory.get()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("daemon " + name + " (" + spec.command().get(0) + ") could not start: "
          + e.getMessage(), e);
    }
    ChildReaper.get().javaChildStarted(p.pid());
    LineDispatcher dispatcher = spec.lineListener() == LineListener.NONE ? null
        : new LineDispatcher(name, spec.lineListener());
    drain(name, p.pid(), new OutputCapture(p.getInputStream(), 0, splitter(dispatcher, OutputLine.Stream.STDOUT,
        spec)));
    drain(name, p.pid(), new OutputCapture(p.getErrorStream(), 0, splitter(dispatcher, OutputLine.Stream.STDERR,
        spec)));
    return new DaemonProcess(p);
  }

  private static LineSplitter splitter(LineDispatcher dispatcher, OutputLine.Stream stream, ProcessSpec spec) {
    return dispatcher == null ? null : new LineSplitter(stream, spec.maxLineBytes(), dispatcher::deliver);
  }

  private static void drain(String name, long pid, Runnable capture) {
    Thread t = new Thread(capture, "daemon-" + name + "-" + pid + "-output");
    t.setDaemon(true);
    t.start();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the process has exited. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Kills the process, its descendants and its session, and waits until they are gone. Idempotent. */
  public void stop(Duration grace) {
    ProcessTrees.kill(process.toHandle(), grace);
    if (ScopedProcessRunner.SETSID != null) {
      ProcessTrees.killSession(process.pid(), grace);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // nothing left to release
    }
    ChildReaper.get().javaChildEnded(process.pid());
  }

  /** The scratch directory (HOME, TMPDIR) of one daemon, shared by its runs, deleted on {@link #delete()}. */
  public static final class DaemonScratch {
    private final ScratchDirectory directory = ScratchDirectory.inTempDir();

    public void delete() {
      directory.delete();
    }
  }
}
