package dev.analyzer.benchmarks;

import dev.analyzer.http.client.HttpEngine;
import dev.analyzer.http.client.HttpRequest;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.client.RequestBudget;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared HTTP engine (analyzer-http) against nginx on 127.0.0.1, closed loop with a fixed
 * number of requests in flight on keep-alive connections, next to wrk (the load tester users compare
 * with) and the JDK's {@code java.net.http.HttpClient} at the same concurrency. Rounds alternate so
 * machine noise hits all three alike; reports requests/s per round, the medians, the ratio to wrk,
 * and the bytes the JVM allocated per request during the engine's rounds (all threads). Numbers,
 * never pass/fail. Usage: {@code java -cp benchmarks.jar dev.analyzer.benchmarks.HttpEngineBenchmark
 * [inFlight seconds rounds]}; needs nginx (Debian nginx-light) and wrk for the baselines.
 */
public final class HttpEngineBenchmark {

  private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

  private HttpEngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int inFlight = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    if (!Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
      System.out.println("nginx is not installed (apt-get install nginx-light): HTTP engine benchmark skipped");
      return;
    }
    int port = Targets.freePort();
    try (LocalNginx nginx = LocalNginx.start(port)) {
      String url = "http://127.0.0.1:" + port;
      TargetPolicy policy = TargetPolicy.loopbackOnly();
      ResolvedTarget target = policy.check(Target.parse(url));
      List<Double> ours = new ArrayList<>();
      List<Double> jdk = new ArrayList<>();
      List<Double> wrk = new ArrayList<>();
      List<Double> allocation = new ArrayList<>();
      try (HttpEngine engine = HttpEngine.builder().withTargetPolicy(policy).withMaxConnectionsPerTarget(inFlight)
          .withIoThreads(1).build()) {
        runEngine(engine, target, inFlight, 5);
        for (int round = 0; round < rounds; round++) {
          long allocatedBefore = allocatedBytes();
          double[] r = runEngine(engine, target, inFlight, seconds);
          allocation.add((allocatedBytes() - allocatedBefore) / r[1]);
          ours.add(r[0]);
          jdk.add(runJdk(URI.create(url + "/index.html"), inFlight, seconds));
          if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            wrk.add(runWrk(url + "/index.html", inFlight, seconds));
          }
          System.out.printf(Locale.ROOT, "round %d: analyzer-http %.0f req/s, JDK HttpClient %.0f req/s, wrk %s req/s%n",
              round + 1, ours.get(round), jdk.get(round), wrk.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f",
                  wrk.get(round)));
        }
      }
      System.out.printf(Locale.ROOT, "%nhttp engine vs nginx, %d in flight, %d s x %d rounds (medians)%n", inFlight,
          seconds, rounds);
      System.out.printf(Locale.ROOT, "analyzer-http engine   %10.0f req/s  %8.0f bytes allocated per request%n",
          median(ours), median(allocation));
      System.out.printf(Locale.ROOT, "JDK HttpClient         %10.0f req/s%n", median(jdk));
      if (!wrk.isEmpty()) {
        System.out.printf(Locale.ROOT, "wrk (1 thread)         %10.0f req/s%n", median(wrk));
        System.out.printf(Locale.ROOT, "ratio analyzer-http / wrk = %.2fx, / JDK HttpClient = %.2fx%n",
            median(ours) / median(wrk), median(ours) / median(jdk));
      }
    }
  }

  /** Requests/s and the number of requests, {@code inFlight} loops each sending the next on completion. */
  private static double[] runEngine(HttpEngine engine, ResolvedTarget target, int inFlight, int seconds)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    CountDownLatch loops = new CountDownLatch(inFlight);
    HttpRequest request = HttpRequest.get(target, "/index.html");
    long start = System.nanoTime();
    try (HttpSession session = engine.openSession(RequestBudget.unlimited(), false)) {
      for (int i = 0; i < inFlight; i++) {
        loop(session, request, end, done, failed, loops);
      }
      loops.await(seconds + 30L, TimeUnit.SECONDS);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      System.out.println("  analyzer-http: " + failed.get() + " failed requests");
    }
    return new double[] {done.get() / elapsed, Math.max(1, done.get())};
  }

  private static void loop(HttpSession session, HttpRequest request, long end, AtomicLong done, AtomicLong failed,
      CountDownLatch loops) {
    session.send(request).whenComplete((r, e) -> {
      if (e != null || r.status() != 200) {
        failed.incrementAndGet();
      } else {
        done.incrementAndGet();
      }
      if (System.nanoTime() < end && failed.get() < 1000) {
        loop(session, request, end, done, failed, loops);
      } else {
        loops.countDown();
      }
    });
  }

  private static double runJdk(URI uri, int inFlight, int seconds) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(uri).GET().build();
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    CountDownLatch loops = new CountDownLatch(inFlight);
    long start = System.nanoTime();
    for (int i = 0; i < inFlight; i++) {
      jdkLoop(client, request, end, done, loops);
    }
    loops.await(seconds + 30L, TimeUnit.SECONDS);
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static void jdkLoop(HttpClient client, java.net.http.HttpRequest request, long end, AtomicLong done,
      CountDownLatch loops) {
    client.sendAsync(request, BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
      if (e == null && r.statusCode() == 200) {
        done.incrementAndGet();
      }
      if (System.nanoTime() < end && e == null) {
        jdkLoop(client, request, end, done, loops);
      } else {
        loops.countDown();
      }
    });
  }

  private static double runWrk(String url, int inFlight, int seconds) throws Exception {
    Process p = new ProcessBuilder("wrk", "-t1", "-c" + inFlight, "-d" + seconds + "s", url).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor(seconds + 30L, TimeUnit.SECONDS);
    Matcher m = WRK_RATE.matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (!(mx instanceof com.sun.management.ThreadMXBean sun)) {
      return 0;
    }
    long total = 0;
    for (long b : sun.getThreadAllocatedBytes(mx.getAllThreadIds())) {
      total += Math.max(0, b);
    }
    return total;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
  }
}
