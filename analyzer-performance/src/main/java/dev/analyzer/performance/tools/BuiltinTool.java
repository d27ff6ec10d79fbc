package dev.analyzer.performance.tools;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.performance.generator.LoadGenerator;
import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.LoadProgress;
import dev.analyzer.performance.generator.LoadResult;
import dev.analyzer.performance.generator.LoadRun;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in generator as a tool: runs the request's plan, streams a progress line every second
 * (rate, p99 so far, errors) and cancels the load when the analysis is cancelled. Thread-safe.
 */
public final class BuiltinTool implements LoadTool {

  public static final String NAME = "builtin";
  private final String version;

  public BuiltinTool(String version) {
    this.version = version;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public ToolRecord run(LoadJob job) throws InterruptedException {
    long started = System.nanoTime();
    LoadPlan plan = job.load().plan(job.scenarios(), job.settings().ioThreads());
    double total = (plan.warmup().plus(plan.duration())).toNanos() / 1e9;
    String url = job.target().target().toString();
    LoadRun run = LoadGenerator.start(job.target(), plan, p -> progress(job, url, p, total));
    job.ctx().onCancel(run::cancel);
    Duration max = plan.warmup().plus(plan.duration()).plus(plan.requestTimeout()).plusSeconds(30);
    LoadResult r;
    try {
      r = run.await(max);
    } catch (IllegalStateException e) {
      run.cancel();
      return ToolRecord.failed(NAME, ToolStatus.ERROR, e.getMessage(), (System.nanoTime() - started) / 1e9);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Object> fields = ToolRecord.originalFields(r.achievedRate(), r.latencyUncorrected().mean(),
        r.requests(), r.errors().total(), null, r.latencyUncorrected().max(), r.latencyUncorrected().p50());
    fields.put("configuration", Map.of("model", plan.model().wire(), "connections", plan.connections(),
        "duration_seconds", plan.duration().toMillis() / 1000.0, "warmup_seconds", plan.warmup().toMillis() / 1000.0));
    ToolStatus status = r.cancelled() ? ToolStatus.CANCELLED : ToolStatus.SUCCESS;
    return new ToolRecord(NAME, status, r.cancelled() ? "cancelled" : null, fields, r.toMap(), seconds, r);
  }

  private static void progress(LoadJob job, String url, LoadProgress p, double total) {
    String msg = String.format(Locale.ROOT, "%s%s: %.0f req/s, p99 %.2f ms, %d errors, %d requests", url,
        p.warmingUp() ? " (warm-up)" : "", p.rate(), p.p99Millis(), p.errors(), p.requests());
    double percent = Math.max(0, Math.min(100, 100 * p.elapsedSeconds() / total));
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("url", url);
    data.put("warming_up", p.warmingUp());
    data.put("rate", Math.round(p.rate() * 10) / 10.0);
    data.put("p99_ms", p.p99Millis());
    data.put("errors", p.errors());
    data.put("requests", p.requests());
    job.ctx().progress("load", msg, percent, (int) Math.min(Integer.MAX_VALUE, p.requests()), null, data);
  }
}
