package dev.analyzer.performance.thresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.performance.generator.LoadResult;
import dev.analyzer.performance.testing.Results;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  private final LoadResult r = Results.sample();

  @Test
  void k6StyleExpressionsAreJudgedWithTheirUnits() {
    Thresholds t = Thresholds.parse(List.of("p95 < 200ms", "p(99) < 0.2s", "error_rate < 1%", "rate >= 500",
        "avg <= 40000us", "errors == 12", "late_rate < 0.05", "P99.9 < 1s", "dropped == 0"));

    assertThat(t.evaluate(r)).extracting(ThresholdVerdict::passed)
        .containsExactly(true, false, false, true, true, true, true, true, true);
    ThresholdVerdict errorRate = t.evaluate(r).get(2);
    assertThat(errorRate.actual()).isEqualTo(0.012);
    assertThat(errorRate.limit()).isEqualTo(0.01);
    assertThat(errorRate.toMap()).containsEntry("passed", false).containsEntry("threshold", "error_rate < 1%");
  }

  @Test
  void aCommaListIsAcceptedAndNothingMeansNoThresholds() {
    assertThat(Thresholds.parse("p95<200, rate>100").all()).hasSize(2);
    assertThat(Thresholds.parse(null).isEmpty()).isTrue();
  }

  @Test
  void badThresholdsAreRefusedWithTheirPositionAndWhatIsAccepted() {
    assertThatThrownBy(() -> Thresholds.parse(List.of("p95 < 200ms", "p95 < fast")))
        .hasMessageContaining("thresholds[1]").hasMessageContaining("'p95 < fast'").hasMessageContaining("p95 < 200ms");
    assertThatThrownBy(() -> Threshold.parse("p97 < 1")).hasMessageContaining("p50, p90, p95, p99 or p99.9");
    assertThatThrownBy(() -> Threshold.parse("speed > 1")).hasMessageContaining("unknown metric 'speed'");
    assertThatThrownBy(() -> Threshold.parse("rate > 1ms")).hasMessageContaining("plain number");
    assertThatThrownBy(() -> Threshold.parse("error_rate < 1s")).hasMessageContaining("fraction or a %");
    assertThatThrownBy(() -> Thresholds.parse(42)).hasMessageContaining("list of strings");
  }
}
