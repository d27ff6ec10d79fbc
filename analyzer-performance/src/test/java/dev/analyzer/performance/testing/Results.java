package dev.analyzer.performance.testing;

import dev.analyzer.performance.generator.Bottleneck;
import dev.analyzer.performance.generator.ErrorCounts;
import dev.analyzer.performance.generator.LatencySummary;
import dev.analyzer.performance.generator.LoadResult;
import dev.analyzer.performance.generator.WorkloadModel;
import java.util.List;
import java.util.Map;

/** Hand-made load results for tests of what reads them. */
public final class Results {

  private Results() {
  }

  /** 1000 requests at 500/s of 500 offered, 12 of them non-2xx, p95 150 ms, p99 250 ms, 30 late. */
  public static LoadResult sample() {
    LatencySummary lat = new LatencySummary(988, 40, 5, 20, 100, 150, 250, 400, 900);
    return new LoadResult(WorkloadModel.OPEN, "http://127.0.0.1:5000", 500.0, 500, 2, 10, 1000, 1000, 0,
        new ErrorCounts(0, 0, 0, 12, Map.of(200, 988L, 500, 12L)), 1_000_000, lat, lat, true, LatencySummary.EMPTY,
        30, 0, List.of(), List.of(), new Bottleneck("none", "ok", 10, 12, 50, 0), false, "epoll");
  }
}
