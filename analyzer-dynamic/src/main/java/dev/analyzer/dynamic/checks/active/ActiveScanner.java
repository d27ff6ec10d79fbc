package dev.analyzer.dynamic.checks.active;

import dev.analyzer.dynamic.crawl.Endpoint;
import dev.analyzer.dynamic.crawl.Param;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.probe.Prober;
import dev.analyzer.dynamic.report.FindingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Runs every active probe family on every parameter of every endpoint (query, form, JSON body, path
 * segment), one task per parameter on the scan's workers. Endpoints whose method changes state
 * (POST, PUT, PATCH, DELETE) are probed only when unsafe methods are allowed; they are counted as
 * skipped otherwise. Afterwards the GET pages are fetched again for XSS markers the probes stored
 * ({@link StoredXss}). Thread-safe.
 */
public final class ActiveScanner {

  private final FindingSink sink;
  private final Duration timeDelay;
  private final boolean allowUnsafe;
  private final ExecutorService workers;
  private final BooleanSupplier cancelled;
  private final AtomicInteger probed = new AtomicInteger();
  private final AtomicInteger skippedUnsafe = new AtomicInteger();
  private final AtomicInteger skippedBudget = new AtomicInteger();

  public ActiveScanner(FindingSink sink, Duration timeDelay, boolean allowUnsafe, ExecutorService workers,
      BooleanSupplier cancelled) {
    this.sink = sink;
    this.timeDelay = timeDelay;
    this.allowUnsafe = allowUnsafe;
    this.workers = workers;
    this.cancelled = cancelled;
  }

  /** Probes {@code endpoints} of {@code p}; {@code progress} gets (parameters done, parameters total). */
  public void scan(Prober p, List<Endpoint> endpoints, BiConsumer<Integer, Integer> progress)
      throws InterruptedException {
    List<Endpoint> todo = new ArrayList<>();
    int total = 0;
    for (Endpoint e : endpoints) {
      if (e.params().isEmpty()) {
        continue;
      }
      if (!e.safe() && !allowUnsafe) {
        skippedUnsafe.addAndGet(e.params().size());
        continue;
      }
      if (e.method().equals("HEAD") || e.method().equals("OPTIONS")) {
        continue;
      }
      todo.add(e);
      total += e.params().size();
    }
    AtomicInteger done = new AtomicInteger();
    int all = total;
    List<Future<?>> tasks = new ArrayList<>();
    StoredXss stored = new StoredXss();
    for (Endpoint e : todo) {
      ProbeResult baseline = p.send(Mutation.request(e, null, null));
      if (baseline == null) {
        skippedBudget.addAndGet(e.params().size());
        continue;
      }
      for (Param param : e.params()) {
        tasks.add(workers.submit(() -> {
          if (cancelled.getAsBoolean() || p.exhausted()) {
            skippedBudget.incrementAndGet();
          } else {
            ParamUnderTest t = new ParamUnderTest(p, e, param, baseline, sink, timeDelay, stored);
            InjectionProbes.run(t);
            SqlProbes.run(t);
            probed.incrementAndGet();
            if (p.exhausted()) {
              skippedBudget.incrementAndGet();
            }
          }
          progress.accept(done.incrementAndGet(), all);
        }));
      }
    }
    for (Future<?> f : tasks) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException ex) {
        // a probe that failed on a malformed response leaves the others running
      }
    }
    if (!cancelled.getAsBoolean()) {
      stored.check(p, endpoints, sink);
    }
  }

  /** Parameters probed. */
  public int probed() {
    return probed.get();
  }

  /** Parameters of state-changing endpoints not probed (unsafe methods not allowed). */
  public int skippedUnsafe() {
    return skippedUnsafe.get();
  }

  /** Parameters not (fully) probed because the budget ran out or the scan was cancelled. */
  public int skippedBudget() {
    return skippedBudget.get();
  }
}
