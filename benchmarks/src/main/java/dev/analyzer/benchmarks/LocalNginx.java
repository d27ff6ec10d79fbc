package dev.analyzer.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx on 127.0.0.1 with a prefix of its own (one worker, a 1 KiB page at /index.html, no access log),
 * stopped on close: the fixed target of the HTTP benchmarks (shared/reference/tools.md §3). Not thread-safe.
 */
public final class LocalNginx implements AutoCloseable {

  private final Process process;
  private final Path prefix;

  private LocalNginx(Process process, Path prefix) {
    this.process = process;
    this.prefix = prefix;
  }

  /** nginx on {@code port}, on whatever CPUs this process may use. */
  public static LocalNginx start(int port) throws Exception {
    return start(port, -1);
  }

  /**
   * nginx on {@code port}, pinned to {@code cpu} with {@code taskset} when {@code cpu >= 0} and taskset is
   * installed (the fair benchmark protocol puts the server and the generator on CPUs of their own).
   */
  public static LocalNginx start(int port, int cpu) throws Exception {
    Path prefix = Files.createTempDirectory("analyzer-bench-nginx");
    Files.createDirectories(prefix.resolve("html"));
    Files.createDirectories(prefix.resolve("logs"));
    Files.writeString(prefix.resolve("html/index.html"), "x".repeat(1024));
    Files.writeString(prefix.resolve("nginx.conf"), "worker_processes 1;\ndaemon off;\nmaster_process off;\n"
        + "error_log " + prefix.resolve("logs/error.log") + " warn;\npid " + prefix.resolve("nginx.pid") + ";\n"
        + "events { worker_connections 1024; }\nhttp {\n  access_log off;\n  keepalive_requests 10000000;\n"
        + "  client_body_temp_path " + prefix + "/tmp;\n  proxy_temp_path " + prefix + "/tmp;\n"
        + "  fastcgi_temp_path " + prefix + "/tmp;\n  uwsgi_temp_path " + prefix + "/tmp;\n"
        + "  scgi_temp_path " + prefix + "/tmp;\n"
        + "  server {\n    listen 127.0.0.1:" + port + ";\n    root " + prefix.resolve("html") + ";\n  }\n}\n");
    Files.createDirectories(prefix.resolve("tmp"));
    java.util.List<String> cmd = new java.util.ArrayList<>();
    if (cpu >= 0 && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
      cmd.addAll(java.util.List.of("/usr/bin/taskset", "-c", Integer.toString(cpu)));
    }
    cmd.addAll(java.util.List.of("/usr/sbin/nginx", "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return new LocalNginx(p, prefix);
      } catch (java.io.IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("logs/stdout.log")));
        }
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("nginx did not listen on 127.0.0.1:" + port + " within 10 s");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
