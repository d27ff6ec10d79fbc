package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A {@link WorkerProcessMain} child JVM started with the test class path; always killed by {@link #close()}. */
final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static WorkerProcess start(QueueSettings s, AnalysisKind kind, String mode, int maxConcurrent, Path dir) {
    try {
      Path log = Files.createTempFile(dir, "worker-", ".log");
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xshare:off", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          WorkerProcessMain.class.getName(), s.servers().get(0), s.prefix(), Long.toString(s.ackWait().toMillis()),
          Integer.toString(s.maxDeliver()), Integer.toString(maxConcurrent), mode, log.toString(), kind.name()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve(log.getFileName() + ".out").toFile()).start();
      return new WorkerProcess(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines of the log starting with {@code word}, without the word. */
  List<String> lines(String word) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(word + " "))
          .map(l -> l.substring(word.length() + 1)).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids whose handler started in this process. */
  List<String> started() {
    return lines("started");
  }

  boolean ready() {
    return !lines("ready").isEmpty();
  }

  /** kill -9. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, then the exit code. */
  int terminate(Duration max) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("worker did not exit within " + max + " of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
