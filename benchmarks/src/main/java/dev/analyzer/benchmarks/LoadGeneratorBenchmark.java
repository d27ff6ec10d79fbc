package dev.analyzer.benchmarks;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.performance.generator.LoadGenerator;
import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.LoadResult;
import dev.analyzer.performance.generator.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The performance service's built-in load generator against wrk, by the fair benchmark protocol of
 * shared/reference/tools.md §3: nginx serving 1 KiB on CPU 0 (one worker, no access log), the
 * generator and wrk on CPU 1 ({@code run.sh} starts this JVM with {@code taskset -c 1} and
 * {@code -XX:ActiveProcessorCount=1}; wrk inherits the affinity), HTTP/1.1 keep-alive, the same
 * connections, 3 s warm-up and alternating rounds; medians with min and max, errors of both.
 *
 * <p>Second part, latency at a fixed rate: the open model at {@code rate} req/s (latency from the
 * intended send time) next to what the server allows alone, measured by wrk with one connection
 * (a C client, one request in flight: no queueing in the generator), and the achieved rate against
 * the target. Numbers, never pass/fail. Usage: {@code LoadGeneratorBenchmark [connections seconds
 * rounds rate]}; needs nginx (Debian nginx-light) and wrk.
 */
public final class LoadGeneratorBenchmark {

  private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern WRK_ERRORS = Pattern.compile("(Socket errors:[^\\n]*|Non-2xx[^\\n]*)");
  private static final Pattern WRK_PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
      Pattern.MULTILINE);

  private LoadGeneratorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    double rate = args.length > 3 ? Double.parseDouble(args[3]) : 20_000;
    if (!Files.isExecutable(Path.of("/usr/sbin/nginx")) || !Files.isExecutable(Path.of("/usr/bin/wrk"))) {
      System.out.println("nginx or wrk is not installed (scripts/install-tools.sh): load generator benchmark skipped");
      return;
    }
    int port = Targets.freePort();
    try (LocalNginx nginx = LocalNginx.start(port, 0)) {
      String url = "http://127.0.0.1:" + port + "/index.html";
      Target t = Target.parse("http://127.0.0.1:" + port);
      ResolvedTarget target = TargetPolicy.loopbackOnly().check(t);
      System.out.printf(Locale.ROOT, "nginx pinned to CPU 0; this JVM's CPUs: %d (run.sh pins it to CPU 1)%n",
          Runtime.getRuntime().availableProcessors());
      double capacity = closedModel(target, url, connections, seconds, rounds);
      // latency "within what the server allows" only means something at a rate the server can serve
      double fixed = Math.min(rate, Math.floor(capacity * 0.4 / 1000) * 1000);
      if (fixed < rate) {
        System.out.printf(Locale.ROOT, "%nfixed rate lowered from %.0f to %.0f req/s: 40%% of the closed-model median"
            + " (the server's capacity on this machine now)%n", rate, fixed);
      }
      fixedRate(target, url, connections, seconds, Math.max(1000, fixed));
    }
  }

  /** Runs the alternating rounds and returns the median req/s of wrk and the generator, the lower one. */
  private static double closedModel(ResolvedTarget target, String url, int connections, int seconds, int rounds)
      throws Exception {
    List<Double> ours = new ArrayList<>();
    List<Double> wrk = new ArrayList<>();
    long ourErrors = 0;
    List<String> wrkErrors = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      LoadResult r = LoadGenerator.run(target, LoadPlan.closed(connections, Duration.ofSeconds(seconds))
          .withWarmup(Duration.ofSeconds(3)).withScenario(Scenario.get("/index.html")).build());
      ours.add(r.achievedRate());
      ourErrors += r.errors().total() + r.unfinished();
      String out = wrk(List.of("-t1", "-c" + connections, "-d" + seconds + "s", url), seconds);
      wrk.add(match(WRK_RATE, out));
      Matcher e = WRK_ERRORS.matcher(out);
      while (e.find()) {
        wrkErrors.add("round " + (round + 1) + ": " + e.group(1).strip());
      }
      System.out.printf(Locale.ROOT, "round %d: analyzer-performance closed %.0f req/s (errors %d, cpu %.0f%% of one"
          + " core, verdict %s), wrk %.0f req/s%n", round + 1, r.achievedRate(), r.errors().total(),
          r.bottleneck().processCpuPercent(), r.bottleneck().verdict(), wrk.get(round));
    }
    System.out.printf(Locale.ROOT, "%nclosed model vs nginx 1 KiB, %d connections, %d s x %d rounds: median (min-max)%n",
        connections, seconds, rounds);
    System.out.printf(Locale.ROOT, "load generator closed model %s req/s, errors %d%n", spread(ours), ourErrors);
    System.out.printf(Locale.ROOT, "wrk -t1                     %s req/s, errors %s%n", spread(wrk),
        wrkErrors.isEmpty() ? "0" : String.join("; ", wrkErrors));
    System.out.printf(Locale.ROOT, "ratio load generator / wrk = %.2fx (median of each)%n", median(ours) / median(wrk));
    return Math.min(median(ours), median(wrk));
  }

  private static void fixedRate(ResolvedTarget target, String url, int connections, int seconds, double rate)
      throws Exception {
    String alone = wrk(List.of("-t1", "-c1", "-d" + seconds + "s", "--latency", url), seconds);
    double[] server = wrkPercentiles(alone);
    // an unreported open-model run first, so the JIT has compiled the open-model path (pacer, lag
    // recording) before the measured run: on one pinned CPU its compilations would stall the loop
    LoadGenerator.run(target, LoadPlan.open(rate, Duration.ofSeconds(5)).withConnections(connections)
        .withWarmup(Duration.ofSeconds(1)).withScenario(Scenario.get("/index.html")).build());
    LoadResult r = LoadGenerator.run(target, LoadPlan.open(rate, Duration.ofSeconds(seconds))
        .withConnections(connections).withWarmup(Duration.ofSeconds(3)).withScenario(Scenario.get("/index.html"))
        .build());
    System.out.printf(Locale.ROOT, "%nfixed rate %.0f req/s, %d connections, %d s%n", rate, connections, seconds);
    System.out.printf(Locale.ROOT, "server alone (wrk -c1, one request in flight): p50 %.3f ms  p99 %.3f ms%n",
        server[0], server[1]);
    System.out.printf(Locale.ROOT, "open model, from the intended send time:        p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms"
        + "  max %.3f ms%n", r.latency().p50(), r.latency().p99(), r.latency().p99_9(), r.latency().max());
    System.out.printf(Locale.ROOT, "open model, uncorrected:                        p50 %.3f ms  p99 %.3f ms%n",
        r.latencyUncorrected().p50(), r.latencyUncorrected().p99());
    System.out.printf(Locale.ROOT, "achieved rate %.1f req/s of %.0f (%.2f%% off), late %d, dropped %d, errors %d,"
        + " verdict %s%n", r.achievedRate(), rate, 100 * Math.abs(r.achievedRate() - rate) / rate, r.late(),
        r.dropped(), r.errors().total(), r.bottleneck().verdict());
    System.out.printf(Locale.ROOT, "ratio open model / server alone: p50 %.2fx, p99 %.2fx%n",
        r.latency().p50() / server[0], r.latency().p99() / server[1]);
  }

  private static String wrk(List<String> args, int seconds) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("/usr/bin/wrk");
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return out;
  }

  /** wrk's 50% and 99% latency lines in milliseconds. */
  private static double[] wrkPercentiles(String out) {
    double[] ms = {Double.NaN, Double.NaN};
    Matcher m = WRK_PERCENTILE.matcher(out);
    while (m.find()) {
      double v = Double.parseDouble(m.group(2));
      double factor = switch (m.group(3)) {
        case "us" -> 0.001;
        case "s" -> 1000;
        default -> 1;
      };
      ms[m.group(1).equals("50") ? 0 : 1] = v * factor;
    }
    return ms;
  }

  private static double match(Pattern p, String out) {
    Matcher m = p.matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static String spread(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "%8.0f (%.0f-%.0f)", median(values), sorted.get(0), sorted.get(sorted.size() - 1));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
  }
}
