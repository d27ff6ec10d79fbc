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
 * intended send time) next to what the server allows alone at that rate, measured by
 * {@link OpenLoopReference} (a wrk2-model C client built with gcc), and next to wrk with one
 * connection (one request in flight, a floor at another load), with the achieved rate against the
 * target; at least 3 alternating rounds ({@code rounds} when more). Numbers, never pass/fail. Usage:
 * {@code LoadGeneratorBenchmark [connections seconds rounds rate]}; needs nginx (Debian
 * nginx-light), wrk and, for the reference, gcc.
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
      fixedRate(target, url, connections, seconds, Math.max(1000, fixed), Math.max(3, rounds));
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

  /**
   * The fixed-rate comparison, in alternating rounds so every side sees the same machine: per round
   * (1) the server alone at the rate: {@code openloop}, a minimal C client of wrk2's model (request
   * <i>i</i> due at t0 + i/rate, latency from the due time, one thread that never sleeps; wrk2 itself
   * is not packaged here, so the benchmark builds this one with gcc from its resources); (2) the
   * server with one request in flight, {@code wrk -t1 -c1} (a closed loop at whatever rate one
   * connection allows: a floor, not the same load); (3) the open model (latency from the intended
   * send time, and uncorrected) with the JIT and GC time inside the run; (4) the same run with the
   * pacer on timers alone. The goal is (3) within 10 % of (1).
   */
  private static void fixedRate(ResolvedTarget target, String url, int connections, int seconds, double rate,
      int rounds) throws Exception {
    // an unreported open-model run first, so the JIT has compiled the open-model path
    LoadGenerator.run(target, LoadPlan.open(rate, Duration.ofSeconds(5)).withConnections(connections)
        .withWarmup(Duration.ofSeconds(1)).withScenario(Scenario.get("/index.html")).build());
    int warmup = 3;
    Path openloop = OpenLoopReference.build();
    Samples ref = new Samples();
    Samples c1 = new Samples();
    Samples open = new Samples();
    Samples uncorrected = new Samples();
    Samples timers = new Samples();
    List<Double> achieved = new ArrayList<>();
    List<Double> refAchieved = new ArrayList<>();
    long late = 0;
    long dropped = 0;
    long errors = 0;
    System.out.printf(Locale.ROOT, "%nfixed rate %.0f req/s, %d connections, %d s, %d alternating rounds%n", rate,
        connections, seconds, rounds);
    if (openloop == null) {
      System.out.println("gcc is not installed: the wrk2-model reference (openloop.c) is skipped");
    }
    for (int round = 1; round <= rounds; round++) {
      OpenLoopReference.Result alone = openloop == null ? null
          : OpenLoopReference.run(openloop, target.address().getPort(), "/index.html", connections, rate, seconds, warmup);
      if (alone != null) {
        ref.add(alone.p50(), alone.p99(), alone.p999());
        refAchieved.add(alone.rate());
      }
      double[] one = wrkPercentiles(wrk(List.of("-t1", "-c1", "-d" + seconds + "s", "--latency", url), seconds));
      c1.add(one[0], one[1], Double.NaN);
      long jit0 = jitMillis();
      long gc0 = gcMillis();
      LoadResult r = LoadGenerator.run(target, LoadPlan.open(rate, Duration.ofSeconds(seconds))
          .withConnections(connections).withWarmup(Duration.ofSeconds(warmup)).withScenario(Scenario.get("/index.html"))
          .build());
      long jit = jitMillis() - jit0;
      long gc = gcMillis() - gc0;
      LoadResult t = LoadGenerator.run(target, LoadPlan.open(rate, Duration.ofSeconds(seconds))
          .withConnections(connections).withWarmup(Duration.ofSeconds(warmup)).withScheduleSpin(Duration.ZERO).withAnswerSpin(Duration.ZERO)
          .withScenario(Scenario.get("/index.html")).build());
      open.add(r.latency().p50(), r.latency().p99(), r.latency().p99_9());
      uncorrected.add(r.latencyUncorrected().p50(), r.latencyUncorrected().p99(), r.latencyUncorrected().p99_9());
      timers.add(t.latency().p50(), t.latency().p99(), t.latency().p99_9());
      achieved.add(r.achievedRate());
      late += r.late();
      dropped += r.dropped();
      errors += r.errors().total();
      System.out.printf(Locale.ROOT, "round %d: openloop %s | wrk -c1 p50 %.3f p99 %.3f"
          + " | open model p50 %.3f p99 %.3f p99.9 %.3f max %.3f, uncorrected p50 %.3f p99 %.3f, schedule lag p99"
          + " %.3f ms; achieved %.1f of %.0f, late %d, dropped %d, errors %d; JIT %d ms, GC %d ms in the run"
          + " | timers only (both spins 0): p50 %.3f p99 %.3f, lag p99 %.3f ms%n",
          round, alone == null ? "skipped" : alone.line(), one[0], one[1], r.latency().p50(),
          r.latency().p99(), r.latency().p99_9(), r.latency().max(), r.latencyUncorrected().p50(),
          r.latencyUncorrected().p99(), r.scheduleLag().p99(), r.achievedRate(), rate, r.late(), r.dropped(),
          r.errors().total(), jit, gc, t.latency().p50(), t.latency().p99(), t.scheduleLag().p99());
    }
    System.out.printf(Locale.ROOT, "%nmedians of %d rounds, ms:%n", rounds);
    if (!ref.isEmpty()) {
      System.out.printf(Locale.ROOT, "server alone at the rate (openloop, wrk2's model, %.0f req/s): %s%n",
          median(refAchieved), ref.medians());
    }
    System.out.printf(Locale.ROOT, "server alone, one request in flight (wrk -c1):    %s%n", c1.medians());
    System.out.printf(Locale.ROOT, "open model, from the intended send time:          %s%n", open.medians());
    System.out.printf(Locale.ROOT, "open model, uncorrected:                          %s%n", uncorrected.medians());
    System.out.printf(Locale.ROOT, "open model, timers only (both spins 0):           %s%n", timers.medians());
    System.out.printf(Locale.ROOT, "achieved rate %.1f req/s of %.0f (median, %.2f%% off), late %d, dropped %d, errors %d"
        + " (all rounds)%n", median(achieved), rate, 100 * Math.abs(median(achieved) - rate) / rate, late, dropped,
        errors);
    if (!ref.isEmpty()) {
      System.out.printf(Locale.ROOT, "ratio open model / server alone at the rate (openloop): p50 %.2fx, p99 %.2fx,"
          + " p99.9 %.2fx%n", open.p50() / ref.p50(), open.p99() / ref.p99(), open.p999() / ref.p999());
    }
    System.out.printf(Locale.ROOT, "ratio open model / one request in flight (wrk -c1): p50 %.2fx, p99 %.2fx%n",
        open.p50() / c1.p50(), open.p99() / c1.p99());
  }

  /** p50, p99 and p99.9 of several rounds, reported as medians. */
  private static final class Samples {
    private final List<Double> p50 = new ArrayList<>();
    private final List<Double> p99 = new ArrayList<>();
    private final List<Double> p999 = new ArrayList<>();

    void add(double a, double b, double c) {
      p50.add(a);
      p99.add(b);
      if (!Double.isNaN(c)) {
        p999.add(c);
      }
    }

    boolean isEmpty() {
      return p50.isEmpty();
    }

    double p50() {
      return median(p50);
    }

    double p99() {
      return median(p99);
    }

    double p999() {
      return p999.isEmpty() ? Double.NaN : median(p999);
    }

    String medians() {
      return p999.isEmpty() ? String.format(Locale.ROOT, "p50 %.3f  p99 %.3f", p50(), p99())
          : String.format(Locale.ROOT, "p50 %.3f  p99 %.3f  p99.9 %.3f", p50(), p99(), p999());
    }
  }

  private static long jitMillis() {
    var c = java.lang.management.ManagementFactory.getCompilationMXBean();
    return c == null || !c.isCompilationTimeMonitoringSupported() ? -1 : c.getTotalCompilationTime();
  }

  private static long gcMillis() {
    long t = 0;
    for (var g : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      t += Math.max(0, g.getCollectionTime());
    }
    return t;
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
