package dev.analyzer.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real service jar (static by default) as a process on a port, with helpers to signal, kill and query it. */
final class ServiceProcess implements AutoCloseable {

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Path STATIC_JAR = HOME.resolve("analyzer-static/target/analyzer-static.jar");

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts the static service on {@code port} with extra environment and waits for READY. */
  static ServiceProcess start(int port, Map<String, String> env) throws Exception {
    return start(STATIC_JAR, port, env);
  }

  /** Starts the service of {@code module} (its jar {@code <module>/target/<module>.jar}) on {@code port}. */
  static ServiceProcess start(String module, int port, Map<String, String> env) throws Exception {
    return start(HOME.resolve(module).resolve("target").resolve(module + ".jar"), port, env);
  }

  private static ServiceProcess start(Path jar, int port, Map<String, String> env) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("build the service jar first (mvn package): " + jar);
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-jar", jar.toString(), "--port", Integer.toString(port)).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    ServiceProcess sp = new ServiceProcess(p, port);
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          sp.output.add(line);
          if (line.startsWith("READY ")) {
            ready.complete(true);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      ready.complete(false);
    }, "service-output");
    reader.setDaemon(true);
    reader.start();
    if (!ready.get(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the service did not start: " + sp.output);
    }
    return sp;
  }

  String url() {
    return "ws://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  /** PIDs of every process the service runs now (its descendants). */
  List<Long> descendants() {
    return process.descendants().map(ProcessHandle::pid).toList();
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  void sigterm() {
    process.destroy();
  }

  String metrics() throws Exception {
    return get("/metrics");
  }

  String get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  int healthStatus() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A numeric metric line value (first match), or -1. */
  double metric(String prefix) throws Exception {
    for (String line : metrics().split("\n")) {
      if (line.startsWith(prefix + " ")) {
        return Double.parseDouble(line.substring(prefix.length() + 1).trim());
      }
    }
    return -1;
  }

  List<String> output() {
    return List.copyOf(output);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
