package dev.analyzer.performance.generator.internal;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.performance.generator.ErrorCounts;
import dev.analyzer.performance.generator.LoadListener;
import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.LoadResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one run on its own thread: start the event loops and connections, start the clock,
 * sample once a second, stop sending at the end, let answers in flight arrive (bounded), close
 * everything and build the result. {@link #cancel()} may be called from any thread.
 */
public final class Coordinator implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  private static final long SECOND = 1_000_000_000L;
  private static final long CONNECT_WAIT = 3 * SECOND;
  private static final long MAX_DRAIN = 5 * SECOND;

  private final ResolvedTarget target;
  private final LoadPlan plan;
  private final LoadListener listener;
  private final CompletableFuture<LoadResult> result;
  private final CountDownLatch cancelled = new CountDownLatch(1);

  public Coordinator(ResolvedTarget target, LoadPlan plan, LoadListener listener,
      CompletableFuture<LoadResult> result) {
    this.target = target;
    this.plan = plan;
    this.listener = listener;
    this.result = result;
  }

  public void cancel() {
    cancelled.countDown();
  }

  private boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  @Override
  public void run() {
    EventLoopGroup group = null;
    RunContext run = null;
    try {
      boolean epoll = Epoll.isAvailable();
      group = new MultiThreadIoEventLoopGroup(plan.ioThreads(), epoll ? EpollIoHandler.newFactory(0, PacingSelectStrategy.FACTORY)
          : NioIoHandler.newFactory());
      run = new RunContext(plan, target, tls(target));
      Bootstrap base = new Bootstrap().channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(5000, plan.requestTimeout().toMillis()));
      List<Worker> workers = new ArrayList<>();
      List<Long> threadIds = new ArrayList<>();
      Iterator<io.netty.util.concurrent.EventExecutor> loops = group.iterator();
      for (int i = 0; i < plan.ioThreads(); i++) {
        EventLoop loop = (EventLoop) loops.next();
        workers.add(new Worker(run, i, plan.ioThreads(), loop, base.clone().group(loop)));
        threadIds.add(loop.submit(() -> Thread.currentThread().getId()).get());
      }
      for (int i = 0; i < workers.size(); i++) {
        Worker w = workers.get(i);
        int n = plan.connections() / workers.size() + (i < plan.connections() % workers.size() ? 1 : 0);
        w.loop().execute(() -> w.open(n));
      }
      Sampler sampler = new Sampler(workers, plan, run.open);
      long connectDeadline = System.nanoTime() + CONNECT_WAIT;
      while (sampler.sum(WorkerStats.OPEN_CONNECTIONS) < plan.connections() && System.nanoTime() < connectDeadline
          && !cancelled.await(5, TimeUnit.MILLISECONDS)) {
        // connections still opening
      }
      List<java.util.function.LongSupplier> spins = new ArrayList<>();
      workers.forEach(w -> spins.add(w::spunNanos));
      CpuMeter cpu = new CpuMeter(threadIds, spins);
      long t0 = System.nanoTime();
      for (Worker w : workers) {
        w.loop().execute(() -> w.begin(t0));
      }
      long measureStart = t0 + plan.warmup().toNanos();
      long end = measureStart + plan.duration().toNanos();
      sampler.start(t0, measureStart, end);
      int lastSecond = 0;
      boolean marked = false;
      if (measureStart == t0) {
        cpu.mark();
        marked = true;
      }
      long nextTick = t0 + SECOND;
      while (!isCancelled()) {
        long now = System.nanoTime();
        if (!marked && now >= measureStart) {
          cpu.mark();
          marked = true;
        }
        if (now >= end) {
          break;
        }
        if (now >= nextTick) {
          cpu.sample();
          int second = nextTick > measureStart ? lastSecond + 1 : 0;
          lastSecond = Math.max(lastSecond, second);
          listener.onProgress(sampler.tick(now, t0, second, nextTick <= measureStart));
          nextTick += SECOND;
          continue;
        }
        long wake = Math.min(nextTick, end);
        if (!marked) {
          wake = Math.min(wake, measureStart);
        }
        cancelled.await(wake - now, TimeUnit.NANOSECONDS);
      }
      long stopAt = System.nanoTime();
      cpu.stop();
      for (Worker w : workers) {
        w.loop().execute(w::stopSending);
      }
      if (!isCancelled()) {
        long drainUntil = stopAt + Math.min(MAX_DRAIN, plan.requestTimeout().toNanos() + SECOND / 10);
        while (System.nanoTime() < drainUntil && sampler.sum(WorkerStats.IN_FLIGHT) > 0
            && !cancelled.await(5, TimeUnit.MILLISECONDS)) {
          // answers in flight still arriving
        }
      }
      List<io.netty.util.concurrent.Future<?>> stops = new ArrayList<>();
      for (Worker w : workers) {
        stops.add(w.loop().submit(w::stop));
      }
      for (io.netty.util.concurrent.Future<?> f : stops) {
        f.awaitUninterruptibly(500, TimeUnit.MILLISECONDS);
      }
      // The closes fire channelInactive in later tasks; one more pass counts the requests they cut off.
      for (Worker w : workers) {
        w.loop().submit(() -> { }).awaitUninterruptibly(500, TimeUnit.MILLISECONDS);
      }
      long last = System.nanoTime();
      if (stopAt > measureStart) {
        // the part since the last tick (and the answers drained after the end) closes the series
        sampler.tick(last, t0, nextTick - SECOND < Math.min(stopAt, end) ? lastSecond + 1 : 0, false);
      }
      result.complete(assemble(run, sampler, cpu, t0, measureStart, Math.min(stopAt, end), epoll));
    } catch (Throwable e) {
      LOG.warn("load run against {} failed: {}", target, e.toString());
      result.completeExceptionally(e);
    } finally {
      if (group != null) {
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
      }
      if (run != null) {
        run.release();
      }
    }
  }

  private LoadResult assemble(RunContext run, Sampler s, CpuMeter cpu, long t0, long measureStart, long stop,
      boolean epoll) {
    double seconds = Math.max(0, (stop - measureStart) / 1e9);
    long requests = s.sum(WorkerStats.REQUESTS);
    Map<Integer, Long> statuses = new LinkedHashMap<>();
    for (int code = 100; code < 1000; code++) {
      long n = s.status(code);
      if (n > 0) {
        statuses.put(code, n);
      }
    }
    ErrorCounts errors = new ErrorCounts(s.sum(WorkerStats.CONNECT), s.sum(WorkerStats.READ),
        s.sum(WorkerStats.TIMEOUT), s.sum(WorkerStats.STATUS), statuses);
    Double offered = run.open ? run.schedule.countFrom(plan.warmup().toNanos()) / (plan.duration().toNanos() / 1e9)
        : null;
    double achieved = seconds <= 0 ? 0 : requests / seconds;
    long sent = s.sum(WorkerStats.SENT);
    long late = s.sum(WorkerStats.LATE);
    long dropped = s.sum(WorkerStats.DROPPED);
    var bottleneck = BottleneckJudge.judge(run.open, offered == null ? 0 : offered, achieved, sent, late, dropped,
        plan.connections(), cpu);
    return new LoadResult(plan.model(), target.target().toString(), offered, achieved, seconds, plan.connections(),
        sent, requests, s.sum(WorkerStats.UNFINISHED), errors, s.sum(WorkerStats.BYTES), s.total(run.open), s.total(false), run.open,
        run.open ? s.lag() : dev.analyzer.performance.generator.LatencySummary.EMPTY, late, dropped, s.series(),
        s.scenarios(), bottleneck, isCancelled(), epoll ? "epoll" : "nio");
  }

  private static SslContext tls(ResolvedTarget target) throws javax.net.ssl.SSLException {
    if (!target.target().secure()) {
      return null;
    }
    SslContextBuilder b = SslContextBuilder.forClient();
    if (target.loopback()) {
      // A local app under test commonly has a self-signed certificate; only all-loopback targets get this.
      b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
    }
    return b.build();
  }
}
