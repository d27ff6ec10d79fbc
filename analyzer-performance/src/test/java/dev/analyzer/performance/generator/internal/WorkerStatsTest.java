package dev.analyzer.performance.generator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerStatsTest {

  @Test
  void aRequestBelongsToTheMeasuredBankFromTheMeasuredStartOn() {
    long start = 5_000_000_000L;

    assertThat(WorkerStats.bank(start - 1, start)).isEqualTo(WorkerStats.WARMUP);
    assertThat(WorkerStats.bank(0, start)).isEqualTo(WorkerStats.WARMUP);
    assertThat(WorkerStats.bank(start, start)).isEqualTo(WorkerStats.MEASURED);
    assertThat(WorkerStats.bank(start + 1, start)).isEqualTo(WorkerStats.MEASURED);
    // System.nanoTime() may be negative
    assertThat(WorkerStats.bank(-10, -5)).isEqualTo(WorkerStats.WARMUP);
    assertThat(WorkerStats.bank(-5, -5)).isEqualTo(WorkerStats.MEASURED);
  }

  @Test
  void aboveIsOneOnlyPastTheLimit() {
    assertThat(WorkerStats.above(5_000_001, 5_000_000)).isEqualTo(1);
    assertThat(WorkerStats.above(5_000_000, 5_000_000)).isZero();
    assertThat(WorkerStats.above(0, 5_000_000)).isZero();
  }

  @Test
  void theWarmupBankIsRecordedButNeverReported() {
    WorkerStats stats = new WorkerStats(2);

    stats.add(WorkerStats.WARMUP, WorkerStats.REQUESTS, 1);
    stats.status(WorkerStats.WARMUP, 500);
    stats.scenario(WorkerStats.WARMUP, 1, 1);
    stats.latency(WorkerStats.WARMUP, 1, 9_000_000, 8_000_000);
    stats.lag(WorkerStats.WARMUP, 7_000_000);
    stats.add(WorkerStats.MEASURED, WorkerStats.REQUESTS, 1);
    stats.status(WorkerStats.MEASURED, 200);
    stats.scenario(WorkerStats.MEASURED, 1, 0);
    stats.latency(WorkerStats.MEASURED, 1, 3_000_000, 2_000_000);
    stats.lag(WorkerStats.MEASURED, 1_000_000);

    assertThat(stats.get(WorkerStats.REQUESTS)).isEqualTo(1);
    assertThat(stats.statusCount(200)).isEqualTo(1);
    assertThat(stats.statusCount(500)).isZero();
    assertThat(stats.scenarioRequests(1)).isEqualTo(1);
    assertThat(stats.scenarioErrors(1)).isZero();
    assertThat(stats.scenarioRequests(0)).isZero();
    var corrected = stats.takeCorrected(1, null);
    assertThat(corrected.getTotalCount()).isEqualTo(1);
    assertThat(corrected.getMaxValue()).isBetween(2_990L, 3_010L);
    assertThat(stats.takeUncorrected(1, null).getMaxValue()).isBetween(1_990L, 2_010L);
    var lag = stats.takeLag(null);
    assertThat(lag.getTotalCount()).isEqualTo(1);
    assertThat(lag.getMaxValue()).isBetween(990L, 1_010L);
  }

  @Test
  void aRecycledIntervalHistogramStartsEmpty() {
    WorkerStats stats = new WorkerStats(1);
    stats.latency(WorkerStats.MEASURED, 0, 3_000_000, 2_000_000);
    var first = stats.takeCorrected(0, null);
    assertThat(first.getTotalCount()).isEqualTo(1);

    stats.latency(WorkerStats.MEASURED, 0, 5_000_000, 4_000_000);
    stats.latency(WorkerStats.MEASURED, 0, 6_000_000, 4_000_000);
    var second = stats.takeCorrected(0, first);

    assertThat(second.getTotalCount()).isEqualTo(2);
    assertThat(second.getMinValue()).isBetween(4_990L, 5_010L);
  }
}
