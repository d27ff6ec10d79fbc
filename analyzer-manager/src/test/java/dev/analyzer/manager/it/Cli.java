package dev.analyzer.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a user runs it, for process-level tests: the shaded analyzer.jar as a real process with
 * its state (logs, pid files, results) in a temporary directory, and a project home of its own that
 * holds only the static service's jar (the dynamic, performance and ai modules exist there unbuilt),
 * so the tests see the same services whatever else the working tree has built.
 */
public final class Cli {

  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  /** The CLI jar: target/analyzer.jar, or -Danalyzer.jar=... (to see a test fail on an older build). */
  static final Path JAR = Path.of(System.getProperty("analyzer.jar", "target/analyzer.jar")).toAbsolutePath();

  /** A finished CLI process. */
  public record Run(int exit, String out) {}

  private final Path home;
  private final Path state;
  private final Map<String, String> env = new LinkedHashMap<>();

  private Cli(Path home, Path state) {
    this.home = home;
    this.state = state;
  }

  /** A CLI whose home has the static jar only, its state under {@code state}. */
  public static Cli withStaticOnly(Path scratch) throws IOException {
    Path home = Files.createDirectories(scratch.resolve("home"));
    Path state = Files.createDirectories(scratch.resolve("state"));
    Path jar = home.resolve("analyzer-static/target/analyzer-static.jar");
    Files.createDirectories(jar.getParent());
    snapshot(REPO.resolve("analyzer-static/target/analyzer-static.jar"), jar);
    for (String m : List.of("analyzer-dynamic", "analyzer-performance", "analyzer-ai")) {
      Files.createDirectories(home.resolve(m));
    }
    Files.createSymbolicLink(home.resolve("examples"), REPO.resolve("examples"));
    if (Files.isDirectory(REPO.resolve("tools"))) {
      Files.createSymbolicLink(home.resolve("tools"), REPO.resolve("tools"));
    }
    Cli cli = new Cli(home, state);
    cli.env.put("ANALYZER_SOURCE_ROOTS", REPO + ":" + state);
    return cli;
  }

  /**
   * A CLI whose home has no service built (the modules exist, unbuilt), its state under {@code state}:
   * for what does not need a service process (a queued batch, whose workers are elsewhere).
   */
  public static Cli withoutServices(Path scratch) throws IOException {
    Path home = Files.createDirectories(scratch.resolve("home"));
    Path state = Files.createDirectories(scratch.resolve("state"));
    for (String m : List.of("analyzer-static", "analyzer-dynamic", "analyzer-performance", "analyzer-ai")) {
      Files.createDirectories(home.resolve(m));
    }
    return new Cli(home, state);
  }

  /**
   * Copies a service jar that another build may be rewriting right now: waits until it is whole (its
   * main class is in it), so that a test never starts a jar that is half written.
   */
  static void snapshot(Path jar, Path to) {
    org.awaitility.Awaitility.await("a whole " + jar).atMost(java.time.Duration.ofMinutes(3))
        .pollInterval(java.time.Duration.ofMillis(500)).ignoreExceptions().until(() -> {
          try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            String main = j.getManifest().getMainAttributes().getValue("Main-Class");
            if (j.getEntry(main.replace('.', '/') + ".class") == null) {
              return false;
            }
          }
          Files.copy(jar, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          try (java.util.jar.JarFile copy = new java.util.jar.JarFile(to.toFile())) {
            return copy.getManifest() != null;
          }
        });
  }

  /** Sets a variable for later runs; null unsets it. */
  public Cli env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  public Path state() {
    return state;
  }

  public Path home() {
    return home;
  }

  public Path sampleApp() {
    return REPO.resolve("examples/sample-app");
  }

  public Process launch(String... args) throws IOException {
    // as ./analyzer runs it: a short-lived JVM starts faster without the optimizing compiler
    List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(REPO.toFile());
    pb.environment().keySet().removeIf(k -> k.endsWith("_ANALYZER_URLS") || k.endsWith("_ANALYZER_URL")
        || k.startsWith("PERF_TESTER_URL") || k.equals("NO_COLOR"));
    pb.environment().put("ANALYZER_HOME", home.toString());
    pb.environment().put("ANALYZER_STATE_DIR", state.toString());
    pb.environment().putAll(env);
    return pb.start();
  }

  public Run run(String... args) throws Exception {
    Process p = launch(args);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("analyzer %s finished", String.join(" ", args)).isTrue();
    return new Run(p.exitValue(), out);
  }

  /** The pid and port of the service the CLI started. */
  public long[] service(String name) throws IOException {
    String[] parts = Files.readAllLines(state.resolve("run/" + name + ".pid")).get(0).strip().split("\\s+");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public static String metrics(long port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The JSON object at the end of a CLI's output (after its progress lines). */
  public static String jsonOf(Run r) {
    int i = r.out().indexOf("{\n");
    return i >= 0 ? r.out().substring(i) : r.out();
  }
}
