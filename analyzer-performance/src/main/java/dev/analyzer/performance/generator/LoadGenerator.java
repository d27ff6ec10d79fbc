package dev.analyzer.performance.generator;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.performance.generator.internal.Coordinator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The built-in load generator: a lean HTTP/1.1 keep-alive client on Netty (epoll when available,
 * pooled buffers, each request's bytes encoded once, answers parsed in place and bodies skipped),
 * driven by an open model (arrival schedule, latency from the intended send time) or a closed
 * model (connections back to back). Only a {@link ResolvedTarget} can be loaded, so every run went
 * through the {@link dev.analyzer.http.target.TargetPolicy} and connects to the address it pinned;
 * redirects are never followed.
 *
 * <pre>{@code
 * ResolvedTarget t = TargetPolicy.loopbackOnly().check(Target.parse("http://127.0.0.1:8080"));
 * LoadResult closed = LoadGenerator.run(t, LoadPlan.closed(50, Duration.ofSeconds(10)).build());
 * LoadResult open = LoadGenerator.run(t, LoadPlan.open(20_000, Duration.ofSeconds(10)).withConnections(64).build());
 * closed.achievedRate(); closed.errors().total(); open.latency().p99(); open.latencyUncorrected().p99();
 * }</pre>
 *
 * <p>Each run owns its event-loop threads ({@code plan.ioThreads()}) and a coordinator thread that
 * samples once a second; it holds no state between runs. Thread-safe.
 */
public final class LoadGenerator {

  private LoadGenerator() {
  }

  /** Starts {@code plan} against {@code target}; progress goes to {@code listener} once a second. */
  public static LoadRun start(ResolvedTarget target, LoadPlan plan, LoadListener listener) {
    CompletableFuture<LoadResult> result = new CompletableFuture<>();
    Coordinator c = new Coordinator(target, plan, listener == null ? LoadListener.NONE : listener, result);
    Thread t = new Thread(c, "load-coordinator");
    t.setDaemon(true);
    t.start();
    return new LoadRun(result, c::cancel);
  }

  /** Runs {@code plan} to its end and returns the result (blocking). */
  public static LoadResult run(ResolvedTarget target, LoadPlan plan) throws InterruptedException {
    Duration max = plan.warmup().plus(plan.duration()).plus(plan.requestTimeout()).plusSeconds(30);
    return start(target, plan, LoadListener.NONE).await(max);
  }
}
