package dev.analyzer.manager.app;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The app under analysis, run by the CLI ({@code --start-app}, {@code demo}): started from an
 * argument list (no shell) in the app's directory with {@code PORT} and {@code BACKEND_PORT} set,
 * its output in a log, ready once {@code http://127.0.0.1:PORT/} answers with any HTTP status.
 * {@link #close()} stops it and everything it started (SIGTERM, then SIGKILL after 5 s); callers
 * also call it from a shutdown hook so that Ctrl-C does not leave it running. Thread-safe.
 */
public final class AppProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final int port;
  private final Path log;

  private AppProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code command} and waits until the app answers.
   *
   * @throws IOException naming the log when the app exits or does not answer within {@code ready}
   */
  public static AppProcess start(List<String> command, Path dir, int port, Path log, Duration ready,
      Map<String, String> extraEnv) throws IOException {
    AppProcess app = launch(command, dir, port, log, extraEnv);
    app.awaitReady(ready);
    return app;
  }

  /** Starts {@code command} without waiting (so a caller can arrange to stop it before it waits). */
  public static AppProcess launch(List<String> command, Path dir, int port, Path log, Map<String, String> extraEnv)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("BACKEND_PORT", Integer.toString(port));
    pb.environment().putAll(extraEnv);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("cannot start the app (" + String.join(" ", command) + "): " + e.getMessage(), e);
    }
    return new AppProcess(p, port, log);
  }

  /**
   * Waits until the app answers; stops it when it does not.
   *
   * @throws IOException naming the log when the app exits or does not answer within {@code ready}
   */
  public void awaitReady(Duration ready) throws IOException {
    AppProcess app = this;
    Process p = process;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long end = System.nanoTime() + ready.toNanos();
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IOException("the app exited with " + p.exitValue() + " before it answered on port " + port + "; see "
            + log);
      }
      try {
        http.send(HttpRequest.newBuilder(URI.create(app.url() + "/")).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        pause();
      } catch (InterruptedException e) {
        app.close();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the app");
      }
    }
    app.close();
    throw new IOException("the app did not answer on port " + port + " within " + ready.toSeconds() + " s; see " + log);
  }

  /** The app's base URL. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  /** Stops the app and its children; idempotent. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
