package dev.analyzer.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.CancellationReason;
import dev.analyzer.service.metrics.PrometheusServiceMetrics;
import dev.analyzer.service.testing.Servers;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cancel of analysis A, arriving as A ends, never interrupts analysis B that the same worker
 * thread picks up next. The worker's {@code interrupt()} is made slow (as if the canceller were
 * descheduled between choosing the thread and interrupting it), which widens the race window.
 */
class TargetedInterruptRaceTest {

  private static final int ITERATIONS = 1000;
  private static final long B_RUNS_NANOS = TimeUnit.MICROSECONDS.toNanos(600);

  private final ProtocolCodec codec = ProtocolCodec.create();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(SlowInterruptThread::new);
  private final ExecutorService control = Executors.newCachedThreadPool();
  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final AtomicInteger bInterrupted = new AtomicInteger();
  @TempDir
  Path root;

  @AfterEach
  void stop() {
    worker.shutdownNow();
    control.shutdownNow();
    timers.shutdownNow();
  }

  @Test
  void aCancelArrivingAsAnAnalysisEndsNeverInterruptsTheNextOnTheSameThread() throws Exception {
    ServiceRuntime runtime = new ServiceRuntime(new RaceService(), Servers.settings(root), codec, Clock.systemUTC(),
        new PrometheusServiceMetrics(() -> 0), new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    new AnalysisRegistry(runtime, worker, control, control, timers);
    int bCancelled = 0;
    int aCancelled = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      RunningAnalysis a = analysis(runtime, "a" + i);
      RunningAnalysis b = analysis(runtime, "b" + i);
      worker.execute(a::execute);
      Future<?> bDone = worker.submit(b::execute);
      spin(ThreadLocalRandom.current().nextLong(0, TimeUnit.MICROSECONDS.toNanos(200)));

      if (a.cancel(CancellationReason.CANCEL_REQUEST)) {
        aCancelled++;
      }

      bDone.get(5, TimeUnit.SECONDS);
      if (b.isCancelled()) {
        bCancelled++;
      }
    }
    assertThat(bInterrupted.get()).as("analyses B interrupted by the cancel of A").isZero();
    assertThat(bCancelled).isZero();
    assertThat(aCancelled).as("the cancels really raced the analyses (some won)").isPositive();
  }

  private RunningAnalysis analysis(ServiceRuntime runtime, String id) {
    AnalysisRequest request = (AnalysisRequest) codec.decode("{\"type\":\"static_analyze\",\"id\":\"" + id + "\"}");
    EmbeddedChannel closed = new EmbeddedChannel();
    closed.close();
    return new RunningAnalysis(runtime, request, new WebSocketReplies(runtime, closed), Duration.ofMinutes(1), control);
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  /** A: ends after a random 50..400 us; B: runs 600 us, watching for an interrupt. */
  private final class RaceService implements AnalyzerService {
    @Override
    public String name() {
      return "race";
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public AnalysisKind kind() {
      return AnalysisKind.STATIC;
    }

    @Override
    public AnalysisOutcome analyze(AnalysisContext ctx) {
      if (ctx.analysisId().startsWith("a")) {
        spin(ThreadLocalRandom.current().nextLong(TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.MICROSECONDS.toNanos(400)));
        return AnalysisOutcome.error("a done");
      }
      long end = System.nanoTime() + B_RUNS_NANOS;
      while (System.nanoTime() < end) {
        if (Thread.currentThread().isInterrupted()) {
          bInterrupted.incrementAndGet();
          Thread.interrupted();
          break;
        }
      }
      return AnalysisOutcome.error("b done");
    }
  }

  /** A thread whose interrupt by another thread arrives a random moment late. */
  private static final class SlowInterruptThread extends Thread {
    SlowInterruptThread(Runnable r) {
      super(r, "analysis-race");
      setDaemon(true);
    }

    @Override
    public void interrupt() {
      if (Thread.currentThread() != this) {
        spin(ThreadLocalRandom.current().nextLong(0, TimeUnit.MICROSECONDS.toNanos(400)));
      }
      super.interrupt();
    }
  }
}
