package dev.analyzer.dynamic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ScanCommand as a real process: stdout is the JSON result alone, logs go to stderr. */
class ScanCommandTest {

  @Test
  void stdoutIsOnlyTheJsonResult(@TempDir Path dir) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      byte[] b = "<html><body><a href='/a?q=1'>a</a></body></html>".getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "text/html");
      x.sendResponseHeaders(200, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.start();
    try {
      Path out = dir.resolve("out.json");
      Path err = dir.resolve("err.txt");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", mainClasspath(), ScanCommand.class.getName(), "http://127.0.0.1:" + server.getAddress().getPort())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("ANALYZER_DYNAMIC_MAX_DURATION", "30");
      pb.environment().remove("ANALYZER_LOG_LEVEL");
      Process p = pb.start();
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("ScanCommand finished").isTrue();

      String stdout = Files.readString(out);
      assertThat(p.exitValue()).as(Files.readString(err)).isZero();
      JsonNode json = new ObjectMapper().readTree(stdout);
      assertThat(json.has("findings")).isTrue();
      assertThat(stdout.strip()).startsWith("{").endsWith("}").doesNotContain("DEBUG");
      assertThat(Files.readString(err)).doesNotContain("DEBUG");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aCookieLoginFromTheEnvironmentIsUsedAndNotPrinted(@TempDir Path dir) throws Exception {
    java.util.Set<String> cookies = java.util.concurrent.ConcurrentHashMap.newKeySet();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      String c = x.getRequestHeaders().getFirst("Cookie");
      if (c != null) {
        cookies.add(c);
      }
      byte[] b = "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "text/html");
      x.sendResponseHeaders(200, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.start();
    try {
      Path out = dir.resolve("out.json");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", mainClasspath(), ScanCommand.class.getName(), "--auth", "cookie", "--cookie-env", "SCAN_COOKIE",
          "http://127.0.0.1:" + server.getAddress().getPort()).redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("SCAN_COOKIE", "sid=Xk29secret");
      Process p = pb.start();
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("ScanCommand finished").isTrue();

      String stdout = Files.readString(out);
      assertThat(p.exitValue()).isZero();
      assertThat(new ObjectMapper().readTree(stdout).get("auth").toString()).contains("logged_in");
      assertThat(cookies).anyMatch(c -> c.contains("sid=Xk29secret"));
      assertThat(stdout).doesNotContain("Xk29secret");
    } finally {
      server.stop(0);
    }
  }

  /** The test JVM's classpath without test classes and test jars (their logback-test.xml would hide the defect). */
  private static String mainClasspath() throws Exception {
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.contains("surefire") && e.endsWith(".jar")) {
        try (JarFile jar = new JarFile(e)) {
          String cp = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Class-Path");
          if (cp != null) {
            for (String u : cp.split(" ")) {
              if (!u.isBlank()) {
                entries.add(Path.of(java.net.URI.create(u)).toString());
              }
            }
            continue;
          }
        }
      }
      entries.add(e);
    }
    return String.join(File.pathSeparator, entries.stream().filter(e -> !e.replace('\\', '/').matches(
        ".*/test-classes/?$|.*-tests\\.jar$")).toList());
  }
}
