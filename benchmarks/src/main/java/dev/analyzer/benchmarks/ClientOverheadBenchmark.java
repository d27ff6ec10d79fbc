package dev.analyzer.benchmarks;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.internal.WsConnection;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Ping;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.settings.Environment;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the client's machinery (pool, breaker, replica choice, task manager, dedup) costs per request
 * against a bare WebSocket connection to the same service: sequential pings, and sequential small
 * analyses (each on a fresh connection, as the protocol closes it after the reply). Numbers only.
 */
public final class ClientOverheadBenchmark {

  private ClientOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    Path src = Files.createTempDirectory("overhead-app");
    Files.writeString(src.resolve("app.py"), "import os\nPASSWORD = os.environ.get('P')\n");
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ProtocolCodec codec = ProtocolCodec.create();
    try (Targets targets = new Targets(home)) {
      Targets.Target t = targets.ours(Map.of("ANALYZER_SOURCE_ROOTS", src.toString()));
      AnalyzerClient client = AnalyzerClient.builder().withEnvironment(Environment.of(Map.of()))
          .withReplicas(AnalysisKind.STATIC, t.url()).build();
      int pings = 10_000;
      int analyses = 300;
      // Both paths send the same ping (with a timestamp, as AnalyzerClient.ping does).
      // Warm-up first: two rounds of each path with 1,500 analyses, since the service and both
      // paths keep compiling for the first thousand or so (CPU the JIT spends then would be charged
      // to whichever path runs first). Then alternating measured rounds, the order flipped each
      // round; medians, since a single round on a shared 2-core machine swings by more than the
      // overhead being measured. Wall time per request is dominated by thread wake-ups; the load
      // process's own CPU time per request (all its threads: caller, I/O, timers) is steadier and
      // is where the client's machinery shows.
      for (int w = 0; w < 2; w++) {
        barePings(group, codec, t.url(), pings);
        clientPings(client, pings);
        bareAnalyses(group, codec, t.url(), src, 1_500);
        clientAnalyses(client, src, 1_500);
      }
      int rounds = 7;
      List<double[]> measured = new java.util.ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        double[] r = new double[8];
        boolean bareFirst = round % 2 == 0;
        for (int leg = 0; leg < 2; leg++) {
          boolean bare = (leg == 0) == bareFirst;
          long cpu = cpuNanos();
          r[bare ? 0 : 1] = bare ? barePings(group, codec, t.url(), pings) : clientPings(client, pings);
          r[bare ? 4 : 5] = (cpuNanos() - cpu) / 1e3 / pings;
        }
        for (int leg = 0; leg < 2; leg++) {
          boolean bare = (leg == 0) == bareFirst;
          long cpu = cpuNanos();
          r[bare ? 2 : 3] = bare ? bareAnalyses(group, codec, t.url(), src, analyses)
              : clientAnalyses(client, src, analyses);
          r[bare ? 6 : 7] = (cpuNanos() - cpu) / 1e3 / analyses;
        }
        measured.add(r);
      }
      double barePing = median(measured, 0);
      double clientPing = median(measured, 1);
      double bareAnalysis = median(measured, 2);
      double clientAnalysis = median(measured, 3);
      double barePingCpu = median(measured, 4);
      double clientPingCpu = median(measured, 5);
      double bareAnalysisCpu = median(measured, 6);
      double clientAnalysisCpu = median(measured, 7);
      System.out.printf(Locale.ROOT, "%nClient overhead, median of %d alternating rounds after warm-up%n", rounds);
      System.out.printf(Locale.ROOT, "%-40s %12s %12s %10s%n", "request (sequential)", "bare", "client", "overhead");
      System.out.printf(Locale.ROOT, "%-40s %9.1f us %9.1f us %9.1f%%%n", "ping -> pong (" + pings + " per round)", barePing,
          clientPing, 100 * (clientPing - barePing) / barePing);
      System.out.printf(Locale.ROOT, "%-40s %9.2f ms %9.2f ms %9.1f%%%n", "small static analysis (" + analyses + " per round)",
          bareAnalysis, clientAnalysis, 100 * (clientAnalysis - bareAnalysis) / bareAnalysis);
      System.out.printf(Locale.ROOT, "%-40s %9.1f us %9.1f us %9.1f%%%n", "ping CPU of the load process", barePingCpu,
          clientPingCpu, 100 * (clientPingCpu - barePingCpu) / barePingCpu);
      System.out.printf(Locale.ROOT, "%-40s %9.1f us %9.1f us %9.1f%%%n", "analysis CPU of the load process",
          bareAnalysisCpu, clientAnalysisCpu, 100 * (clientAnalysisCpu - bareAnalysisCpu) / bareAnalysisCpu);
      System.out.printf(Locale.ROOT, "per-round ping overhead: %s%n", measured.stream()
          .map(r -> String.format(Locale.ROOT, "%+.1f%%", 100 * (r[1] - r[0]) / r[0])).toList());
      interleavedPings(group, codec, t.url(), client, 40_000);
      interleavedAnalyses(group, codec, t.url(), src, client, 1_000);
      client.close();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /** One timed call of either path. */
  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  /**
   * Paired measurement: bare and client pings alternate call by call (each timed alone), so both see
   * the same moment of the machine and slow spells fall on both alike; prints mean and median of each.
   */
  private static void interleavedPings(EventLoopGroup group, ProtocolCodec codec, String url, AnalyzerClient client,
      int pairs) throws Exception {
    try (BarePinger bare = new BarePinger(group, codec, url)) {
      interleaved("ping interleaved per call", pairs, false, bare::ping,
          () -> client.ping(AnalysisKind.STATIC).get(10, TimeUnit.SECONDS));
    }
  }

  /** As {@link #interleavedPings}, for small analyses (each on its own connection on both paths). */
  private static void interleavedAnalyses(EventLoopGroup group, ProtocolCodec codec, String url, Path src,
      AnalyzerClient client, int pairs) throws Exception {
    interleaved("analysis interleaved", pairs, true, () -> bareAnalyses(group, codec, url, src, 1),
        () -> clientAnalyses(client, src, 1));
  }

  /**
   * Runs {@code pairs} pairs of calls, which path goes first flipping each pair; prints mean and
   * median of each path, in ms when {@code millis}, else in us.
   */
  private static void interleaved(String label, int pairs, boolean millis, Call bareCall, Call clientCall)
      throws Exception {
    Histogram bare = new Histogram(3);
    Histogram viaClient = new Histogram(3);
    for (int i = 0; i < pairs; i++) {
      boolean bareFirst = (i & 1) == 0;
      for (int leg = 0; leg < 2; leg++) {
        boolean isBare = (leg == 0) == bareFirst;
        long t0 = System.nanoTime();
        (isBare ? bareCall : clientCall).run();
        // tenths of a microsecond
        (isBare ? bare : viaClient).recordValue(Math.max(1, (System.nanoTime() - t0) / 100));
      }
    }
    double unit = millis ? 10_000.0 : 10.0;
    double[][] figures = {{bare.getMean() / unit, viaClient.getMean() / unit},
        {bare.getValueAtPercentile(50) / unit, viaClient.getValueAtPercentile(50) / unit}};
    String[] names = {label + ", mean (" + pairs + " pairs)", label + ", median"};
    for (int k = 0; k < 2; k++) {
      double b = figures[k][0];
      double c = figures[k][1];
      System.out.printf(Locale.ROOT, millis ? "%-40s %9.2f ms %9.2f ms %9.1f%%%n" : "%-40s %9.1f us %9.1f us %9.1f%%%n",
          names[k], b, c, 100 * (c - b) / b);
    }
  }

  /** A bare connection sending timestamped pings one at a time, as AnalyzerClient.ping does. Not thread-safe. */
  private static final class BarePinger implements AutoCloseable {

    private final WsConnection connection;
    private volatile CompletableFuture<Void> reply;

    BarePinger(EventLoopGroup group, ProtocolCodec codec, String url) throws Exception {
      connection = WsConnection.open(group, URI.create(url), null, 1 << 20, Duration.ofSeconds(10),
          Targets.COMPRESSION, codec).ready().get();
      connection.listen(new WsConnection.Listener() {
        @Override
        public void onMessage(Message m) {
          reply.complete(null);
        }

        @Override
        public void onClose(int code, String reason) { }
      });
    }

    void ping() throws Exception {
      reply = new CompletableFuture<>();
      connection.send(Ping.of(java.time.Instant.now()));
      reply.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      connection.close();
    }
  }

  /** CPU time of this process (all threads), in nanoseconds. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(List<double[]> rounds, int column) {
    double[] v = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return v[v.length / 2];
  }

  private static double barePings(EventLoopGroup group, ProtocolCodec codec, String url, int n) throws Exception {
    try (BarePinger bare = new BarePinger(group, codec, url)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        bare.ping();
      }
      return (System.nanoTime() - t0) / 1e3 / n;
    }
  }

  private static double clientPings(AnalyzerClient client, int n) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      client.ping(AnalysisKind.STATIC).get(10, TimeUnit.SECONDS);
    }
    return (System.nanoTime() - t0) / 1e3 / n;
  }

  private static AnalysisRequest request(Path src, int i) {
    return AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("bench").withAppNumber(i)
        .withSourcePath(src.toString()).withTools(List.of("secrets")).build();
  }

  private static double bareAnalyses(EventLoopGroup group, ProtocolCodec codec, String url, Path src, int n) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      WsConnection c = WsConnection.open(group, URI.create(url), null, 1 << 24, Duration.ofSeconds(10), Targets.COMPRESSION, codec).ready().get();
      CompletableFuture<Message> result = new CompletableFuture<>();
      c.listen(new WsConnection.Listener() {
        @Override
        public void onMessage(Message m) {
          if (m instanceof AnalysisResult) {
            result.complete(m);
          }
        }

        @Override
        public void onClose(int code, String reason) {
          result.complete(null);
        }
      });
      c.send(request(src, i));
      if (!(result.get(30, TimeUnit.SECONDS) instanceof AnalysisResult)) {
        throw new IllegalStateException("no result");
      }
      c.close();
    }
    return (System.nanoTime() - t0) / 1e6 / n;
  }

  private static double clientAnalyses(AnalyzerClient client, Path src, int n) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Message m = client.submit(request(src, 100_000 + i), null).result().get(30, TimeUnit.SECONDS);
      if (!(m instanceof AnalysisResult)) {
        throw new IllegalStateException("no result: " + m);
      }
    }
    return (System.nanoTime() - t0) / 1e6 / n;
  }
}
