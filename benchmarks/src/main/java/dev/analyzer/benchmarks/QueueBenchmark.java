package dev.analyzer.benchmarks;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.settings.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Queue mode (issue 20) against direct WebSocket: one static service process started with
 * {@code ANALYZER_QUEUE_URL} against a real {@code nats-server -js} serves both paths; the same small
 * analyses (secrets engine, one tiny file) go through {@link AnalyzerClient} first over WebSocket,
 * then through the queue ({@code withQueue}), with the same number in flight, in alternating rounds.
 * Prints throughput of each (median of the rounds), the ratio queue/direct, and per-analysis round
 * trip p50/p99 of each with what the queue adds. Numbers only. Arguments: project home, analyses
 * per round (1000), rounds (3), in flight (8).
 */
public final class QueueBenchmark {

  private QueueBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    Path nats = Path.of(System.getenv().getOrDefault("NATS_SERVER", "/usr/sbin/nats-server"));
    Path src = Files.createTempDirectory("queue-bench-app");
    Files.writeString(src.resolve("app.py"), "import os\nPASSWORD = os.environ.get('P')\n");
    Path store = Files.createTempDirectory("queue-bench-nats");
    int natsPort = Targets.freePort();
    String natsUrl = "nats://127.0.0.1:" + natsPort;
    Process natsServer = new ProcessBuilder(nats.toString(), "-js", "-a", "127.0.0.1", "-p",
        Integer.toString(natsPort), "-sd", store.toString()).redirectErrorStream(true)
        .redirectOutput(store.resolveSibling(store.getFileName() + ".log").toFile()).start();
    try (Targets targets = new Targets(home)) {
      waitForPort(natsPort);
      Targets.Target t = targets.ours(Map.of("ANALYZER_SOURCE_ROOTS", src.toString(),
          "ANALYZER_QUEUE_URL", natsUrl, "ANALYZER_MAX_CONCURRENT_ANALYSES", Integer.toString(inFlight)));
      try (AnalyzerClient direct = AnalyzerClient.builder().withEnvironment(Environment.of(Map.of()))
              .withReplicas(AnalysisKind.STATIC, t.url()).build();
          AnalyzerClient queued = AnalyzerClient.builder().withEnvironment(Environment.of(Map.of()))
              .withReplicas(AnalysisKind.STATIC, t.url()).withQueue(natsUrl).build()) {
        AtomicInteger ids = new AtomicInteger();
        // warm-up of both paths (JIT of service and client), not measured
        run(direct, src, 500, inFlight, ids, new Histogram(3));
        run(queued, src, 500, inFlight, ids, new Histogram(3));
        Histogram directLat = new Histogram(3);
        Histogram queueLat = new Histogram(3);
        List<Double> directRate = new ArrayList<>();
        List<Double> queueRate = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          boolean directFirst = r % 2 == 0;
          for (int leg = 0; leg < 2; leg++) {
            boolean isDirect = (leg == 0) == directFirst;
            double rate = run(isDirect ? direct : queued, src, n, inFlight, ids, isDirect ? directLat : queueLat);
            (isDirect ? directRate : queueRate).add(rate);
          }
        }
        double d = median(directRate);
        double q = median(queueRate);
        System.out.printf(Locale.ROOT, "%nQueue mode vs direct WebSocket: %d small static analyses per round, %d in flight,"
            + " %d alternating rounds after warm-up, one service process%n", n, inFlight, rounds);
        System.out.printf(Locale.ROOT, "%-34s %12s %12s %12s%n", "", "direct WS", "queue", "queue adds");
        System.out.printf(Locale.ROOT, "%-34s %8.0f /s %9.0f /s %11.2fx%n", "throughput (median of rounds)", d, q, q / d);
        for (double p : new double[] {50, 99}) {
          double dl = directLat.getValueAtPercentile(p) / 1000.0;
          double ql = queueLat.getValueAtPercentile(p) / 1000.0;
          System.out.printf(Locale.ROOT, "%-34s %9.2f ms %9.2f ms %9.2f ms%n",
              "round trip p" + (int) p + " (" + directLat.getTotalCount() + " each)", dl, ql, ql - dl);
        }
        System.out.printf(Locale.ROOT, "ratio queue/direct throughput %.2f; per-round direct %s, queue %s%n", q / d,
            fmt(directRate), fmt(queueRate));
      }
    } finally {
      natsServer.destroy();
      if (!natsServer.waitFor(10, TimeUnit.SECONDS)) {
        natsServer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      delete(store);
      delete(src);
    }
  }

  /** Runs {@code n} analyses with {@code inFlight} outstanding; records round trips in us; returns analyses/s. */
  private static double run(AnalyzerClient client, Path src, int n, int inFlight, AtomicInteger ids, Histogram lat)
      throws Exception {
    Semaphore slots = new Semaphore(inFlight);
    AtomicReference<String> failure = new AtomicReference<>();
    List<CompletableFuture<Message>> all = new ArrayList<>(n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      slots.acquire();
      AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("bench")
          .withAppNumber(ids.incrementAndGet()).withSourcePath(src.toString()).withTools(List.of("secrets")).build();
      long start = System.nanoTime();
      CompletableFuture<Message> f = client.submit(req, null).result();
      all.add(f.whenComplete((m, e) -> {
        long us = Math.max(1, (System.nanoTime() - start) / 1000);
        synchronized (lat) {
          lat.recordValue(us);
        }
        if (e != null || !(m instanceof AnalysisResult res) || res.status() != ResultStatus.SUCCESS) {
          failure.compareAndSet(null, e != null ? e.toString() : String.valueOf(m));
        }
        slots.release();
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("an analysis failed: " + failure.get());
    }
    return n / seconds;
  }

  private static void waitForPort(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("nats-server did not listen on " + port, e);
        }
        Thread.sleep(100);
      }
    }
  }

  private static double median(List<Double> v) {
    List<Double> s = v.stream().sorted().toList();
    return s.get(s.size() / 2);
  }

  private static String fmt(List<Double> v) {
    return v.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList().toString();
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
