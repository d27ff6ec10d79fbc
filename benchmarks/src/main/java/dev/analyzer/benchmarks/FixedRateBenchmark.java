package dev.analyzer.benchmarks;

import dev.analyzer.client.internal.WsConnection;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Ping;
import dev.analyzer.core.protocol.Pong;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Ping latency at a fixed offered rate, measured from each ping's <em>intended</em> send time (so a
 * stall in the server or the sender shows up in the latency of every ping it delayed, not as a
 * missing sample: no coordinated omission). Pings are spread round-robin over 64 connections;
 * several may be outstanding on one connection; replies are matched by id. The same rates are
 * offered to our service, a raw Netty echo server and the Python websockets server.
 *
 * <p>Arguments: home directory, seconds per rate (default 4), rates per second (default 2000,5000).
 */
public final class FixedRateBenchmark {

  private static final int CONNECTIONS = 64;

  /** One target at one rate. */
  public record Result(String target, int rate, double achieved, double p50us, double p99us, double p999us,
      double maxUs, long lost) {}

  private FixedRateBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    Duration measure = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 4);
    int[] rates = java.util.Arrays.stream((args.length > 2 ? args[2] : "2000,5000").split(","))
        .mapToInt(Integer::parseInt).toArray();
    List<Result> results = new ArrayList<>();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try (Targets targets = new Targets(home)) {
      List<Targets.Target> list = targets.pingTargets();
      // Warm every target (and this JVM's client path) at the highest rate first, then measure.
      int highest = java.util.Arrays.stream(rates).max().orElseThrow();
      for (Targets.Target t : list) {
        run(group, t, highest, Duration.ofSeconds(3));
      }
      for (int rate : rates) {
        for (Targets.Target t : list) {
          results.add(run(group, t, rate, measure));
        }
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    System.out.printf(Locale.ROOT, "%nPing latency at a fixed offered rate over %d connections, from the intended send time,"
        + " %s, %d s per rate after a 3 s warm-up of each target%n", CONNECTIONS, Instant.now(), measure.toSeconds());
    System.out.printf(Locale.ROOT, "%-26s %8s %10s %10s %10s %10s %10s %6s%n", "server", "rate/s", "achieved/s",
        "p50 us", "p99 us", "p99.9 us", "max us", "lost");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-26s %8d %10.0f %10.0f %10.0f %10.0f %10.0f %6d%n", r.target(), r.rate(),
          r.achieved(), r.p50us(), r.p99us(), r.p999us(), r.maxUs(), r.lost());
    }
  }

  static Result run(EventLoopGroup group, Targets.Target target, int rate, Duration measure) throws Exception {
    ProtocolCodec codec = ProtocolCodec.create();
    Recorder recorder = new Recorder(3);
    Map<String, Long> intended = new ConcurrentHashMap<>();
    AtomicLong answered = new AtomicLong();
    AtomicBoolean closedEarly = new AtomicBoolean();
    List<WsConnection> connections = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      WsConnection c = WsConnection.open(group, URI.create(target.url()), null, 1 << 20, Duration.ofSeconds(10), Targets.COMPRESSION, codec)
          .ready().get(20, TimeUnit.SECONDS);
      c.listen(new WsConnection.Listener() {
        @Override
        public void onMessage(Message m) {
          long now = System.nanoTime();
          // Our service and the Python server answer with a pong; the echo server returns the ping.
          String id = m instanceof Pong ? ((Pong) m).correlationId() : m instanceof Ping ? ((Ping) m).id() : null;
          Long at = id == null ? null : intended.remove(id);
          if (at != null) {
            recorder.recordValue(Math.max(1, (now - at) / 1000));
            answered.incrementAndGet();
          }
        }

        @Override
        public void onClose(int code, String reason) {
          closedEarly.set(true);
        }
      });
      connections.add(c);
    }
    long interval = 1_000_000_000L / rate;
    long total = rate * measure.toSeconds();
    long start = System.nanoTime() + 10_000_000;
    for (long i = 0; i < total; i++) {
      long at = start + i * interval;
      long wait = at - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Ping ping = Ping.of(null);
      intended.put(ping.id(), at);
      connections.get((int) (i % CONNECTIONS)).send(ping);
    }
    // Replies still in flight after the last send get 5 s before they count as lost.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!intended.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Histogram h = recorder.getIntervalHistogram();
    for (WsConnection c : connections) {
      c.listen(null);
      c.close();
    }
    Thread.sleep(300);
    long lost = intended.size() + (closedEarly.get() ? 1 : 0);
    return new Result(target.name(), rate, answered.get() / (double) measure.toSeconds(), h.getValueAtPercentile(50),
        h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), lost);
  }
}
