package dev.analyzer.benchmarks;

import dev.analyzer.client.internal.WsConnection;
import dev.analyzer.core.protocol.Ping;
import dev.analyzer.core.protocol.ProtocolCodec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * WebSocket round trips (ping, pong) from one Java load client over 1 and 64 connections (and 64
 * connections with 8 pings in flight each, pipelined), against
 * our static service, a raw Netty echo server and the original stack's Python websockets server,
 * each its own process on 127.0.0.1, permessage-deflate negotiated on all. Closed loop: each
 * connection sends its next ping when the previous reply arrives, so the intended send time is the
 * actual one and latency has no coordinated omission. Numbers, not pass/fail.
 */
public final class RoundTripBenchmark {

  /**
   * One measured run. {@code serverCpuUs} is the server process's CPU time (all its threads, user
   * plus system, from the OS) per round trip: unlike round trips/s it does not depend on how much of
   * the shared cores the load client takes, so it tells how many round trips one core of the server
   * can carry.
   */
  public record Result(String target, int connections, int depth, double perSecond, double p50us, double p99us,
      double p999us, long errors, double serverCpuUs, double serverCores) {}

  /** Connections x pings in flight per connection: ping-pong on 1 and 64 connections, and pipelined. */
  private static final int[][] SHAPES = {{1, 1}, {64, 1}, {64, 8}};

  private RoundTripBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    Duration warm = Duration.ofSeconds(2);
    Duration measure = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 4);
    List<Result> results = new ArrayList<>();
    int roundCount = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try (Targets targets = new Targets(home)) {
      List<Targets.Target> list = targets.pingTargets();
      // Rounds alternate the targets so JIT warm-up of the load client and machine noise fall on all of
      // them alike; the median round is reported.
      int rounds = roundCount;
      Map<String, List<Result>> byKey = new java.util.LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (Targets.Target t : list) {
          for (int[] shape : SHAPES) {
            byKey.computeIfAbsent(t.name() + "#" + shape[0] + "x" + shape[1], k -> new ArrayList<>())
                .add(run(group, t, shape[0], shape[1], warm, measure));
          }
        }
      }
      for (List<Result> rs : byKey.values()) {
        List<Result> sorted = new ArrayList<>(rs);
        sorted.sort(java.util.Comparator.comparingDouble(Result::perSecond));
        results.add(sorted.get(sorted.size() / 2));
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    System.out.printf(Locale.ROOT, "%nWebSocket ping round trips, %s, median of %d alternating rounds, each %d s measured"
        + " after %d s warm-up%n", Instant.now(), roundCount, measure.toSeconds(), warm.toSeconds());
    System.out.printf(Locale.ROOT, "%-26s %6s %6s %12s %10s %10s %10s %7s %12s %8s%n", "server", "conns", "depth",
        "round trips/s", "p50 us", "p99 us", "p99.9 us", "errors", "srv CPU us/rt", "srv cores");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-26s %6d %6d %12.0f %10.0f %10.0f %10.0f %7d %12.1f %8.2f%n", r.target(),
          r.connections(), r.depth(), r.perSecond(), r.p50us(), r.p99us(), r.p999us(), r.errors(), r.serverCpuUs(),
          r.serverCores());
    }
    for (int[] shape : SHAPES) {
      Result ours = find(results, "analyzer static-service", shape);
      Result netty = find(results, "raw Netty echo", shape);
      Result python = find(results, "Python websockets", shape);
      System.out.printf(Locale.ROOT, "ratio at %2d connections x %d in flight: ours / raw Netty = %.2fx%s%n", shape[0],
          shape[1],
          ours.perSecond() / netty.perSecond(), python == null ? "" : String.format(Locale.ROOT,
              ", ours / Python websockets = %.1fx", ours.perSecond() / python.perSecond()));
    }
    // Round trips per server CPU-second: what one core of each server carries, whoever owns the
    // cores' remaining time (here the load client).
    for (int[] shape : SHAPES) {
      Result ours = find(results, "analyzer static-service", shape);
      Result netty = find(results, "raw Netty echo", shape);
      Result python = find(results, "Python websockets", shape);
      System.out.printf(Locale.ROOT, "round trips per server CPU-second at %2d x %d: ours %.0f, raw Netty %.0f%s;"
          + " ours / raw Netty = %.2fx%s%n", shape[0], shape[1], 1e6 / ours.serverCpuUs(), 1e6 / netty.serverCpuUs(),
          python == null ? "" : String.format(Locale.ROOT, ", Python %.0f", 1e6 / python.serverCpuUs()),
          netty.serverCpuUs() / ours.serverCpuUs(), python == null ? "" : String.format(Locale.ROOT,
              ", ours / Python websockets = %.1fx", python.serverCpuUs() / ours.serverCpuUs()));
    }
  }

  private static Result find(List<Result> rs, String target, int[] shape) {
    return rs.stream().filter(r -> r.target().equals(target) && r.connections() == shape[0] && r.depth() == shape[1])
        .findFirst().orElse(null);
  }

  /**
   * {@code conns} connections, each keeping {@code depth} pings in flight (1 is ping-pong; more is
   * pipelined: replies come back in order on a connection, so send times queue per connection).
   */
  public static Result run(EventLoopGroup group, Targets.Target target, int conns, int depth, Duration warm,
      Duration measure) throws Exception {
    ProtocolCodec codec = ProtocolCodec.create();
    Recorder recorder = new Recorder(3);
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong count = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<WsConnection> connections = new ArrayList<>();
    for (int i = 0; i < conns; i++) {
      connections.add(WsConnection.open(group, URI.create(target.url()), null, 1 << 20, Duration.ofSeconds(10), Targets.COMPRESSION, codec)
          .ready().get(20, TimeUnit.SECONDS));
    }
    for (WsConnection c : connections) {
      Queue<Long> sentAt = new ConcurrentLinkedQueue<>();
      Runnable[] sendNext = new Runnable[1];
      sendNext[0] = () -> {
        if (stop.get()) {
          return;
        }
        sentAt.add(System.nanoTime());
        c.send(Ping.of(null));
      };
      c.listen(new WsConnection.Listener() {
        @Override
        public void onMessage(dev.analyzer.core.protocol.Message m) {
          Long at = sentAt.poll();
          if (measuring.get() && at != null) {
            recorder.recordValue(Math.max(1, (System.nanoTime() - at) / 1000));
            count.incrementAndGet();
          }
          sendNext[0].run();
        }

        @Override
        public void onClose(int code, String reason) {
          if (!stop.get()) {
            errors.incrementAndGet();
          }
        }
      });
      for (int d = 0; d < depth; d++) {
        sendNext[0].run();
      }
    }
    Thread.sleep(warm.toMillis());
    recorder.getIntervalHistogram();
    long cpu0 = cpuNanos(target.process());
    measuring.set(true);
    long t0 = System.nanoTime();
    Thread.sleep(measure.toMillis());
    measuring.set(false);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long cpu = cpuNanos(target.process()) - cpu0;
    Histogram h = recorder.getIntervalHistogram();
    stop.set(true);
    for (WsConnection c : connections) {
      c.close();
    }
    Thread.sleep(300);
    return new Result(target.name(), conns, depth, count.get() / seconds, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9), errors.get(), cpu / 1e3 / Math.max(1, count.get()), cpu / 1e9 / seconds);
  }

  /** CPU time of a process (all threads, user + system) as the OS counts it, in nanoseconds. */
  static long cpuNanos(Process process) {
    return process.info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("the OS does not report CPU time of pid " + process.pid())).toNanos();
  }
}
