package dev.analyzer.performance.generator.internal;

import dev.analyzer.performance.generator.LatencySummary;
import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.LoadProgress;
import dev.analyzer.performance.generator.ScenarioResult;
import dev.analyzer.performance.generator.Scenario;
import dev.analyzer.performance.generator.SeriesPoint;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Collects the workers' figures once a second: moves each interval's latencies into the run's
 * totals, adds a point to the per-second series and makes the progress view. Used by the
 * coordinator thread only.
 */
final class Sampler {

  private final List<Worker> workers;
  private final LoadPlan plan;
  private final boolean open;
  private final Histogram[] corrected;
  private final Histogram[] uncorrected;
  private final Histogram lag = new Histogram(3);
  /** The interval histograms last taken from each worker, handed back to be reused ([worker][scenario]). */
  private final Histogram[][] recycleCorrected;
  private final Histogram[][] recycleUncorrected;
  private final Histogram[] recycleLag;
  private final Histogram tickLatency = new Histogram(3);
  /** Every scenario's latencies so far (corrected in the open model), for the progress p99. */
  private final Histogram soFar = new Histogram(3);
  private final List<SeriesPoint> series = new ArrayList<>();
  private long lastTick;
  private long lastResponses;
  private long lastErrors;

  Sampler(List<Worker> workers, LoadPlan plan, boolean open) {
    this.workers = workers;
    this.plan = plan;
    this.open = open;
    int n = plan.scenarios().size();
    corrected = new Histogram[n];
    uncorrected = new Histogram[n];
    for (int i = 0; i < n; i++) {
      corrected[i] = new Histogram(3);
      uncorrected[i] = new Histogram(3);
    }
    recycleCorrected = new Histogram[workers.size()][n];
    recycleUncorrected = new Histogram[workers.size()][n];
    recycleLag = new Histogram[workers.size()];
  }

  private long measureStart;
  private long end;

  void start(long t0, long measureStart, long end) {
    this.lastTick = t0;
    this.measureStart = measureStart;
    this.end = end;
  }

  /**
   * Takes the interval since the last tick.
   *
   * @param measuredSecond the series' second number for it, or 0 during the warm-up (no point)
   */
  LoadProgress tick(long now, long t0, int measuredSecond, boolean warmingUp) {
    // the interval histograms are recycled: the tick allocates next to nothing on the generator's CPU
    tickLatency.reset();
    for (int s = 0; s < corrected.length; s++) {
      for (int i = 0; i < workers.size(); i++) {
        WorkerStats stats = workers.get(i).stats;
        Histogram c = stats.takeCorrected(s, recycleCorrected[i][s]);
        Histogram u = stats.takeUncorrected(s, recycleUncorrected[i][s]);
        recycleCorrected[i][s] = c;
        recycleUncorrected[i][s] = u;
        corrected[s].add(c);
        uncorrected[s].add(u);
        tickLatency.add(open ? c : u);
        soFar.add(open ? c : u);
      }
    }
    for (int i = 0; i < workers.size(); i++) {
      Histogram l = workers.get(i).stats.takeLag(recycleLag[i]);
      recycleLag[i] = l;
      lag.add(l);
    }
    double seconds = Math.max(1e-9, (now - lastTick) / 1e9);
    double measuredSeconds = Math.max(1e-3, (Math.min(now, end) - Math.max(lastTick, measureStart)) / 1e9);
    long measuredErrors = sumErrors();
    if (measuredSecond > 0) {
      series.add(new SeriesPoint(measuredSecond, round(tickLatency.getTotalCount() / measuredSeconds),
          tickLatency.getTotalCount() == 0 ? 0 : tickLatency.getValueAtPercentile(50) / 1000.0,
          tickLatency.getTotalCount() == 0 ? 0 : tickLatency.getValueAtPercentile(99) / 1000.0,
          measuredErrors - lastErrors));
    }
    lastErrors = measuredErrors;
    long responses = sum(WorkerStats.RESPONSES_ALL);
    double rate = (responses - lastResponses) / seconds;
    lastResponses = responses;
    lastTick = now;
    // one percentile of a running histogram: the tick stays small work on the generator's CPU
    double p99 = soFar.getTotalCount() == 0 ? 0 : Math.round(soFar.getValueAtPercentile(99)) / 1000.0;
    return new LoadProgress(round((now - t0) / 1e9), warmingUp, round(rate), p99, responses,
        sum(WorkerStats.ERRORS_ALL));
  }

  long sum(int counter) {
    long t = 0;
    for (Worker w : workers) {
      t += w.stats.get(counter);
    }
    return t;
  }

  long sumErrors() {
    return sum(WorkerStats.CONNECT) + sum(WorkerStats.READ) + sum(WorkerStats.TIMEOUT) + sum(WorkerStats.STATUS);
  }

  long status(int code) {
    long t = 0;
    for (Worker w : workers) {
      t += w.stats.statusCount(code);
    }
    return t;
  }

  /** The whole run's latency so far: corrected ({@code true}) or uncorrected. */
  LatencySummary total(boolean correctedFigures) {
    Histogram all = new Histogram(3);
    for (Histogram h : correctedFigures ? corrected : uncorrected) {
      all.add(h);
    }
    return LatencySummary.of(all);
  }

  LatencySummary lag() {
    return LatencySummary.of(lag);
  }

  List<SeriesPoint> series() {
    return series;
  }

  List<ScenarioResult> scenarios() {
    List<ScenarioResult> out = new ArrayList<>();
    for (int i = 0; i < corrected.length; i++) {
      Scenario s = plan.scenarios().get(i);
      long req = 0;
      long err = 0;
      for (Worker w : workers) {
        req += w.stats.scenarioRequests(i);
        err += w.stats.scenarioErrors(i);
      }
      LatencySummary u = LatencySummary.of(uncorrected[i]);
      out.add(new ScenarioResult(s.name(), s.method(), s.path(), s.weight(), req, err,
          open ? LatencySummary.of(corrected[i]) : u, u));
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
