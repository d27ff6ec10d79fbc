package dev.analyzer.manager.services;

import dev.analyzer.manager.Workspace;
import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each service as its own process ({@code java -jar <jar> --port P}) in its own session, with
 * its log in {@code logs/<service>.log} and {@code run/<service>.pid} holding "pid port", so later
 * commands (status, analyze, stop) find it. Thread-safe for distinct services.
 */
public final class ServiceProcesses {

  /**
   * A service process the CLI started: its pid, port and the source roots it was started with.
   *
   * @param roots its ANALYZER_SOURCE_ROOTS, empty when unknown (a pid file of an older CLI)
   */
  public record Running(ServiceSpec spec, long pid, int port, List<Path> roots) {

    public Running {
      roots = List.copyOf(roots);
    }

    /** True when {@code dir} (a real path) lies under one of its roots. */
    public boolean allows(Path dir) {
      return roots.stream().anyMatch(dir::startsWith);
    }

    public String url() {
      return "ws://127.0.0.1:" + port;
    }

    public boolean alive() {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(40);

  private final Workspace ws;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public ServiceProcesses(Workspace ws) {
    this.ws = ws;
  }

  /**
   * Starts {@code spec} and waits until its /health answers 200.
   *
   * @param anyPort listen on a free port instead of the service's default one
   * @param env extra environment (source roots, apps dir)
   * @throws IOException naming the log when the service does not become ready
   */
  public Running start(ServiceSpec spec, boolean anyPort, Map<String, String> env) throws IOException {
    return start(spec, anyPort, env, 0);
  }

  private Running start(ServiceSpec spec, boolean anyPort, Map<String, String> env, int preferredPort)
      throws IOException {
    Optional<Running> existing = running(spec);
    if (existing.isPresent()) {
      return existing.get();
    }
    int port = preferredPort > 0 ? preferredPort : anyPort ? freePort() : spec.defaultPort();
    Path log = ws.logs().resolve(spec.name() + ".log");
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
        ws.home().resolve(spec.jar()).toString(), "--port", Integer.toString(port)));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.home().toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    String roots = env.getOrDefault("ANALYZER_SOURCE_ROOTS", "");
    Running r = new Running(spec, p.pid(), port, parseRoots(roots));
    Files.writeString(ws.run().resolve(spec.name() + ".pid"), p.pid() + " " + port + "\n" + roots + "\n");
    long end = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        Files.deleteIfExists(ws.run().resolve(spec.name() + ".pid"));
        throw new IOException(spec.name() + " exited with " + p.exitValue() + " before it was ready; see " + log
            + lastLines(log));
      }
      if (health(r).map(h -> h.statusCode() == 200).orElse(false)) {
        return r;
      }
      sleep(200);
    }
    stop(spec);
    throw new IOException(spec.name() + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
  }

  /**
   * Stops {@code spec} and starts it again on the same port with {@code env} (for new source roots).
   *
   * @throws IOException naming the log when it does not become ready again
   */
  public Running restart(ServiceSpec spec, Map<String, String> env) throws IOException {
    Optional<Running> before = running(spec);
    stop(spec);
    boolean defaultPort = before.map(r -> r.port() == spec.defaultPort()).orElse(true);
    return start(spec, !defaultPort, env, before.map(Running::port).orElse(0));
  }

  /** The running process of {@code spec} recorded in run/, if it is alive. */
  public Optional<Running> running(ServiceSpec spec) throws IOException {
    Path pid = ws.run().resolve(spec.name() + ".pid");
    if (!Files.isRegularFile(pid)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pid);
    try {
      String[] parts = lines.get(0).strip().split("\\s+");
      Running r = new Running(spec, Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
          parseRoots(lines.size() > 1 ? lines.get(1) : ""));
      if (r.alive()) {
        return Optional.of(r);
      }
    } catch (RuntimeException malformed) {
      // a pid file we cannot read is stale
    }
    Files.deleteIfExists(pid);
    return Optional.empty();
  }

  /** SIGTERM (the service drains), then SIGKILL after the grace; returns whether one was running. */
  public boolean stop(ServiceSpec spec) throws IOException {
    Optional<Running> r = running(spec);
    Files.deleteIfExists(ws.run().resolve(spec.name() + ".pid"));
    if (r.isEmpty()) {
      return false;
    }
    Optional<ProcessHandle> h = ProcessHandle.of(r.get().pid());
    if (h.isEmpty()) {
      return false;
    }
    h.get().destroy();
    try {
      h.get().onExit().get(STOP_GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception timeout) {
      h.get().descendants().forEach(ProcessHandle::destroyForcibly);
      h.get().destroyForcibly();
    }
    return true;
  }

  /** GET /health of a running service. */
  public Optional<HttpResponse<String>> health(Running r) {
    try {
      return Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/health"))
          .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The directories of a ':'-separated roots list, as real paths where they exist. */
  static List<Path> parseRoots(String roots) {
    List<Path> out = new ArrayList<>();
    for (String part : roots.split(":")) {
      if (part.isBlank()) {
        continue;
      }
      Path p = Path.of(part.strip()).toAbsolutePath().normalize();
      try {
        p = p.toRealPath();
      } catch (IOException missing) {
        // a root that is gone allows nothing new; keep it as given
      }
      out.add(p);
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
