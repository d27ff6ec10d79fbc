package dev.analyzer.benchmarks;

import dev.analyzer.core.settings.CompressionSettings;
import dev.analyzer.core.settings.Environment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts the servers a benchmark compares, each as its own process, and stops them. */
public final class Targets implements AutoCloseable {

  /** A running server: its name and URL. */
  public record Target(String name, String url, Process process) {}

  /**
   * Compression as the environment sets it (ANALYZER_DEFLATE_LEVEL, ANALYZER_DEFLATE_THRESHOLD;
   * defaults otherwise), used alike by the load clients, our service (which inherits the variables)
   * and the raw Netty echo server, so that they compare like for like. The Python server keeps its
   * library's behaviour (every message compressed), as the original stack ran.
   */
  static final CompressionSettings COMPRESSION = CompressionSettings.fromEnvironment(Environment.system());

  private final List<Target> started = new ArrayList<>();
  private final Path home;

  Targets(Path home) {
    this.home = home;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Target ours(Map<String, String> env) throws Exception {
    return ours(env, "512m");
  }

  /** Our static service with the given maximum heap ({@code -Xmx}). */
  Target ours(Map<String, String> env, String maxHeap) throws Exception {
    int port = freePort();
    return start("analyzer static-service", port, env, java(), "-Xmx" + maxHeap, "-jar",
        home.resolve("analyzer-static/target/analyzer-static.jar").toString(), "--port", Integer.toString(port));
  }

  Target rawNetty() throws Exception {
    int port = freePort();
    return start("raw Netty echo", port, Map.of(), java(), "-Xmx512m", "-cp",
        home.resolve("benchmarks/target/benchmarks.jar").toString(), EchoServerMain.class.getName(), Integer.toString(port));
  }

  /** The ping targets compared: our service, raw Netty echo, and Python websockets when available. */
  List<Target> pingTargets() throws Exception {
    List<Target> list = new ArrayList<>();
    list.add(ours(Map.of()));
    list.add(rawNetty());
    Target py = python();
    if (py != null) {
      list.add(py);
    }
    return list;
  }

  /** The Python websockets server, or null when /usr/bin/python3 lacks the websockets package. */
  Target python() throws Exception {
    Path py = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(py) || new ProcessBuilder(py.toString(), "-c", "import websockets").start().waitFor() != 0) {
      return null;
    }
    Path script = Files.createTempFile("python_ping_server", ".py");
    try (InputStream in = Targets.class.getResourceAsStream("/python_ping_server.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    int port = freePort();
    return start("Python websockets", port, Map.of(), py.toString(), script.toString(), Integer.toString(port));
  }

  /**
   * CPUs the servers run on ({@code -Dbench.serverCpus=1}, a taskset list), so that with the load
   * client pinned elsewhere ({@code taskset -c 0 java ...}) each server has its cores to itself;
   * empty (the default) leaves scheduling to the OS.
   */
  static final String SERVER_CPUS = System.getProperty("bench.serverCpus", "");

  private Target start(String name, int port, Map<String, String> env, String... command) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (!SERVER_CPUS.isEmpty()) {
      cmd.addAll(List.of("taskset", "-c", SERVER_CPUS));
    }
    cmd.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("READY")) {
            ready.complete(true);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      ready.complete(false);
    });
    t.setDaemon(true);
    t.start();
    if (!ready.get(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(name + " did not start");
    }
    Target target = new Target(name, "ws://127.0.0.1:" + port + "/", p);
    started.add(target);
    return target;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (Target t : started) {
      t.process().destroy();
      if (!t.process().waitFor(20, TimeUnit.SECONDS)) {
        t.process().destroyForcibly();
      }
    }
  }
}
