package dev.analyzer.benchmarks;

import dev.analyzer.client.internal.WsConnection;
import dev.analyzer.core.protocol.HealthCheck;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many concurrent idle connections one service holds, and its heap per connection: starts our
 * static service with a fixed maximum heap, opens N WebSocket connections to it from this JVM
 * (permessage-deflate negotiated, as the client library does), sends {@code health_check} on every
 * one and counts the {@code health_response}s, then reads the service's live heap after a full GC
 * with {@code jcmd}. Numbers, not pass/fail.
 *
 * <p>Arguments: home directory, connections (default 10,000), service heap (default 256m).
 */
public final class ConnectionsBenchmark {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  private ConnectionsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    int target = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    String maxHeap = args.length > 2 ? args[2] : "256m";
    ProtocolCodec codec = ProtocolCodec.create();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    List<WsConnection> open = new ArrayList<>(target);
    try (Targets targets = new Targets(home)) {
      Targets.Target ours = targets.ours(Map.of(), maxHeap);
      long pid = ours.process().pid();
      URI uri = URI.create(ours.url());
      Thread.sleep(1000);
      long heapBefore = liveHeapKb(pid);
      long rssBefore = rssKb(pid);

      long t0 = System.nanoTime();
      int failed = 0;
      String firstFailure = null;
      int batch = 200;
      for (int i = 0; i < target; i += batch) {
        List<WsConnection> pending = new ArrayList<>();
        for (int j = i; j < Math.min(target, i + batch); j++) {
          pending.add(WsConnection.open(group, uri, null, 1 << 20, Duration.ofSeconds(30), Targets.COMPRESSION, codec));
        }
        for (WsConnection c : pending) {
          try {
            open.add(c.ready().get(60, TimeUnit.SECONDS));
          } catch (Exception e) {
            failed++;
            if (firstFailure == null) {
              firstFailure = String.valueOf(e.getCause() == null ? e : e.getCause());
            }
          }
        }
      }
      double openSeconds = (System.nanoTime() - t0) / 1e9;

      AtomicInteger healthy = new AtomicInteger();
      List<CompletableFuture<Void>> answers = new ArrayList<>(open.size());
      long t1 = System.nanoTime();
      for (WsConnection c : open) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        c.listen(new WsConnection.Listener() {
          @Override
          public void onMessage(Message m) {
            if (m instanceof HealthResponse) {
              healthy.incrementAndGet();
              answered.complete(null);
            }
          }

          @Override
          public void onClose(int code, String reason) {
            answered.complete(null);
          }
        });
        answers.add(answered);
        c.send(HealthCheck.of(Instant.now()));
      }
      try {
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // counted below: the ones that did not answer in time
      }
      double healthSeconds = (System.nanoTime() - t1) / 1e9;
      long heapAfter = liveHeapKb(pid);
      long rssAfter = rssKb(pid);
      boolean alive = ours.process().isAlive();

      System.out.printf(Locale.ROOT, "%nIdle connections held by one analyzer service (-Xmx%s), %s%n", maxHeap, Instant.now());
      System.out.printf(Locale.ROOT, "connections requested            %,d%n", target);
      System.out.printf(Locale.ROOT, "connections open                 %,d (failed %d%s) in %.1f s%n", open.size(), failed,
          firstFailure == null ? "" : ", first: " + firstFailure, openSeconds);
      System.out.printf(Locale.ROOT, "answered health_check            %,d in %.1f s%n", healthy.get(), healthSeconds);
      System.out.printf(Locale.ROOT, "service alive                    %s%n", alive);
      System.out.printf(Locale.ROOT, "live heap after full GC          %,d KB before, %,d KB with the connections%n", heapBefore, heapAfter);
      if (!open.isEmpty()) {
        System.out.printf(Locale.ROOT, "heap per connection              %.1f KB%n", (heapAfter - heapBefore) / (double) open.size());
        System.out.printf(Locale.ROOT, "resident memory (RSS)            %,d KB before, %,d KB with the connections (%.1f KB each,"
            + " incl. native zlib state)%n", rssBefore, rssAfter, (rssAfter - rssBefore) / (double) open.size());
      }
    } finally {
      for (WsConnection c : open) {
        c.abort();
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
  }

  /** The service's heap in use right after a full GC, in KB, read with {@code jcmd}. */
  private static long liveHeapKb(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher m = USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info: " + info);
    }
    return Long.parseLong(m.group(1));
  }

  private static long rssKb(long pid) throws IOException {
    Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out);
    }
    return out;
  }
}
