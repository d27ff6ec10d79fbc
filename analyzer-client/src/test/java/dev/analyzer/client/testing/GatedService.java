package dev.analyzer.client.testing;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.testing.ScriptedService;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ScriptedService} with one more mode, {@code gate}: the analysis waits (up to a minute)
 * until the test opens the gate named by {@code config.gate}, then succeeds as {@code quick} does.
 * Tests order events with gates instead of racing sleeps. Thread-safe.
 */
public final class GatedService implements AnalyzerService {

  private static final long MAX_WAIT_SECONDS = 60;

  private final ScriptedService delegate;
  private final ConcurrentHashMap<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> arrived = new ConcurrentHashMap<>();

  public GatedService(ScriptedService delegate) {
    this.delegate = delegate;
  }

  /** Lets every analysis waiting at {@code gate}, and every later one, go on. */
  public void open(String gate) {
    latch(gate).countDown();
  }

  /** Analyses that have reached {@code gate} so far (waiting, or gone on once it opened). */
  public int arrived(String gate) {
    AtomicInteger n = arrived.get(gate);
    return n == null ? 0 : n.get();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String version() {
    return delegate.version();
  }

  @Override
  public AnalysisKind kind() {
    return delegate.kind();
  }

  @Override
  public List<String> detectTools(ProcessRunner runner) {
    return delegate.detectTools(runner);
  }

  @Override
  public AnalysisOutcome analyze(AnalysisContext ctx) throws Exception {
    Object gate = ctx.request().config().get("gate");
    if ("gate".equals(ctx.request().config().get("mode")) && gate != null) {
      ctx.progress("waiting", "waiting at gate " + gate, 0.0);
      arrived.computeIfAbsent(String.valueOf(gate), g -> new AtomicInteger()).incrementAndGet();
      if (!latch(String.valueOf(gate)).await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
        return AnalysisOutcome.error("gate " + gate + " was not opened within " + MAX_WAIT_SECONDS + " s");
      }
      // counted and answered as a quick analysis
    }
    return delegate.analyze(ctx);
  }

  private CountDownLatch latch(String gate) {
    return gates.computeIfAbsent(gate, g -> new CountDownLatch(1));
  }
}
