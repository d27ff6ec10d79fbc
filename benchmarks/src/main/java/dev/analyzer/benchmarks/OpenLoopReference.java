package dev.analyzer.benchmarks;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference for "what the server alone allows at a fixed rate": {@code openloop.c} (a resource
 * of this module), a minimal C client of wrk2's open model (request <i>i</i> due at t0 + i/rate,
 * latency from the due time, one thread that polls without ever sleeping). wrk2 is not packaged for
 * Debian, so {@link #build()} compiles the reference with {@code gcc -O2} into a temporary directory.
 * It inherits this JVM's CPU affinity, as wrk does. Not thread-safe; benchmark use only.
 */
final class OpenLoopReference {

  /** One run's figures in milliseconds. */
  record Result(double rate, double p50, double p90, double p99, double p999, double max, double uncorrectedP50,
      double uncorrectedP99, long late, long unanswered, long errors) {

    String line() {
      return String.format(Locale.ROOT, "%.0f req/s p50 %.3f p99 %.3f p99.9 %.3f max %.3f (uncorrected p50 %.3f p99 %.3f),"
          + " late %d, unanswered %d, errors %d", rate, p50, p99, p999, max, uncorrectedP50, uncorrectedP99, late,
          unanswered, errors);
    }
  }

  private OpenLoopReference() {}

  /** Compiles the reference; null when gcc is not installed. Fails loudly when gcc rejects it. */
  static Path build() throws Exception {
    Path gcc = Path.of("/usr/bin/gcc");
    if (!Files.isExecutable(gcc)) {
      return null;
    }
    Path dir = Files.createTempDirectory("analyzer-openloop");
    Path source = dir.resolve("openloop.c");
    try (InputStream in = OpenLoopReference.class.getResourceAsStream("openloop.c")) {
      if (in == null) {
        throw new IllegalStateException("openloop.c is missing from the benchmarks jar");
      }
      Files.write(source, in.readAllBytes());
    }
    Path binary = dir.resolve("openloop");
    Process p = new ProcessBuilder(gcc.toString(), "-O2", "-o", binary.toString(), source.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("gcc could not build openloop.c: " + out);
    }
    binary.toFile().deleteOnExit();
    source.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return binary;
  }

  /** Runs the reference against 127.0.0.1:{@code port}; throws with its message when it fails. */
  static Result run(Path binary, int port, String path, int connections, double rate, int seconds, int warmup)
      throws Exception {
    Process p = new ProcessBuilder(List.of(binary.toString(), "127.0.0.1", Integer.toString(port), path,
        Integer.toString(connections), String.format(Locale.ROOT, "%.3f", rate), Integer.toString(seconds),
        Integer.toString(warmup))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(seconds + warmup + 30L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("openloop did not finish");
    }
    Map<String, String> kv = new HashMap<>();
    for (String pair : out.split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        kv.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    if (p.exitValue() != 0 || !kv.containsKey("p99")) {
      throw new IllegalStateException("openloop failed (exit " + p.exitValue() + "): " + out);
    }
    return new Result(d(kv, "rate"), d(kv, "p50"), d(kv, "p90"), d(kv, "p99"), d(kv, "p999"), d(kv, "max"),
        d(kv, "u_p50"), d(kv, "u_p99"), Long.parseLong(kv.get("late")), Long.parseLong(kv.get("unanswered")),
        Long.parseLong(kv.get("errors")));
  }

  private static double d(Map<String, String> kv, String key) {
    return Double.parseDouble(kv.get(key));
  }
}
