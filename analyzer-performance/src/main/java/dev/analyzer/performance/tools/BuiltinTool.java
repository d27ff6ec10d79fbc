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
    var lat = r.latencyUncorrected();
    boolean answered = lat.count() > 0;
    Map<String, Object> fields = ToolRecord.originalFields(r.achievedRate(), answered ? lat.mean() : null,
        r.requests(), r.errors().total(), answered ? lat.min() : null, answered ? lat.max() : null,
        answered ? lat.p50() : null);
    Map<String, Object> configuration = new java.util.LinkedHashMap<>();
    // the original aiohttp record's keys (requests, concurrency), then ours
    configuration.put("requests", r.sent());
    configuration.put("concurrency", plan.connections());
    configuration.put("model", plan.model().wire());
    configuration.put("connections", plan.connections());
    configuration.put("duration_seconds", plan.duration().toMillis() / 1000.0);
    configuration.put("warmup_seconds", plan.warmup().toMillis() / 1000.0);
    fields.put("configuration", configuration);
    Map<String, Object> raw = new java.util.LinkedHashMap<>();
    raw.put("duration", Math.round(seconds * 1000) / 1000.0);
    raw.put("requests_attempted", r.sent());
    raw.put("errors", errorLines(r));
    fields.put("raw", raw);
    ToolStatus status = r.cancelled() ? ToolStatus.CANCELLED : ToolStatus.SUCCESS;
    return new ToolRecord(NAME, status, r.cancelled() ? "cancelled" : null, fields, r.toMap(), seconds, r);
  }

  /** The original's {@code raw.errors}: a list of strings, here one per error class that occurred. */
  private static java.util.List<String> errorLines(LoadResult r) {
    java.util.List<String> out = new java.util.ArrayList<>();
    var e = r.errors();
    if (e.connect() > 0) {
      out.add(e.connect() + " connect errors");
    }
    if (e.read() > 0) {
      out.add(e.read() + " read errors");
    }
    if (e.timeout() > 0) {
      out.add(e.timeout() + " timeouts");
    }
    if (e.non2xx() > 0) {
      out.add(e.non2xx() + " answers with a status the scenario does not expect (load.errors.by_status has "
          + "every status)");
    }
    if (r.dropped() > 0) {
      out.add(r.dropped() + " requests dropped (not sent within the timeout of their due time)");
    }
    return out;
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
