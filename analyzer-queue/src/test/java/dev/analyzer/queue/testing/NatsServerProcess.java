package dev.analyzer.queue.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code nats-server -js} on a free loopback port with a temporary store directory, for
 * tests. {@link #start()} returns once the server logs that it is ready; {@link #close()} stops
 * it (SIGTERM, then SIGKILL) and deletes the store. A JVM shutdown hook kills it too, so an
 * aborted test run leaves no server behind.
 *
 * <p>The binary is {@code $NATS_SERVER}, else {@code nats-server} on the {@code PATH}, else
 * {@code /usr/sbin/nats-server} or {@code /usr/local/bin/nats-server}; {@link #findBinary()} is
 * empty when none exists ({@code scripts/install-tools.sh} installs it).
 *
 * <p>Thread-safe.
 */
public final class NatsServerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final int PORT_ATTEMPTS = 5;

  private final Path binary;
  private final Path storeDir;
  private final List<String> extraArgs;
  private final List<String> log = new ArrayList<>();
  private Process process;
  private Thread hook;
  private int port;

  private NatsServerProcess(Path binary, Path storeDir, List<String> extraArgs) {
    this.binary = binary;
    this.storeDir = storeDir;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** The nats-server binary, if one is installed. */
  public static Optional<Path> findBinary() {
    String env = System.getenv("NATS_SERVER");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    String path = System.getenv("PATH");
    List<Path> candidates = new ArrayList<>();
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "nats-server"));
        }
      }
    }
    candidates.add(Path.of("/usr/sbin/nats-server"));
    candidates.add(Path.of("/usr/local/bin/nats-server"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /**
   * Starts a server.
   *
   * @throws IllegalStateException when no binary is installed or it does not become ready
   */
  public static NatsServerProcess start() {
    return start(List.of());
  }

  /**
   * Starts a server with further command-line options, such as {@code --auth <token>} or
   * {@code --tls --tlscert <pem> --tlskey <pem>}.
   *
   * @throws IllegalStateException when no binary is installed or it does not become ready
   */
  public static NatsServerProcess start(List<String> extraArgs) {
    Path bin = findBinary().orElseThrow(() -> new IllegalStateException(
        "nats-server is not installed (run scripts/install-tools.sh, or set NATS_SERVER)"));
    try {
      NatsServerProcess p = new NatsServerProcess(bin, Files.createTempDirectory("nats-test-"), extraArgs);
      p.launch();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code tls://127.0.0.1:<port>}, for a server started with {@code --tls}. */
  public String tlsUrl() {
    return "tls://127.0.0.1:" + port;
  }

  /** {@code nats://127.0.0.1:<port>}. */
  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The server's log lines so far, for failure messages. */
  public synchronized List<String> log() {
    return List.copyOf(log);
  }

  /** Stops the server and deletes its store. Idempotent. */
  @Override
  public synchronized void close() {
    stopProcess();
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is exiting; the hook runs anyway.
      }
      hook = null;
    }
    deleteStore();
  }

  private void launch() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      port = freePort();
      try {
        startOn(port);
        return;
      } catch (IllegalStateException e) {
        last = e;
        stopProcess();
      }
    }
    deleteStore();
    throw last;
  }

  private void startOn(int port) {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-js", "-a", "127.0.0.1", "-p",
        Integer.toString(port), "-sd", storeDir.toString()));
    cmd.addAll(extraArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    CountDownLatch ready = new CountDownLatch(1);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
    }
    Process started = process;
    hook = new Thread(started::destroyForcibly, "nats-server-killer");
    Runtime.getRuntime().addShutdownHook(hook);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (this) {
            log.add(line);
          }
          if (line.contains("Server is ready")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // The process ended.
      }
    }, "nats-server-log");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!ready.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("nats-server did not become ready on port " + port + " in " + READY_TIMEOUT
            + "; log: " + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting nats-server", e);
    }
  }

  private void stopProcess() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is exiting.
      }
      hook = null;
    }
    process = null;
  }

  private void deleteStore() {
    if (!Files.exists(storeDir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(storeDir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temp directory left behind is harmless.
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
