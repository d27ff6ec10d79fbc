package dev.analyzer.performance.generator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.analyzer.performance.generator.LoadPlan;
import dev.analyzer.performance.generator.Stage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateScheduleTest {

  @Test
  void aConstantRateSpacesRequestsEvenlyFromTheStart() {
    RateSchedule s = RateSchedule.of(LoadPlan.open(1000, Duration.ofSeconds(2)).withWarmup(Duration.ZERO).build());

    assertThat(s.totalRequests()).isEqualTo(2000);
    assertThat(s.dueNanos(0)).isZero();
    assertThat(s.dueNanos(1)).isEqualTo(1_000_000);
    assertThat(s.dueNanos(1999)).isEqualTo(1_999_000_000L);
    assertThat(s.dueNanos(2000)).isEqualTo(RateSchedule.NEVER);
  }

  @Test
  void theWarmupRunsAtTheInitialRateBeforeTheMeasuredPart() {
    RateSchedule s = RateSchedule.of(LoadPlan.open(100, Duration.ofSeconds(1)).withWarmup(Duration.ofSeconds(1))
        .build());

    assertThat(s.totalRequests()).isEqualTo(200);
    assertThat(s.countFrom(1_000_000_000L)).isEqualTo(100);
  }

  @Test
  void aConstantRateKeepsItsSpacingAcrossTheEndOfTheWarmup() {
    RateSchedule s = RateSchedule.of(LoadPlan.open(20_000, Duration.ofSeconds(1)).withWarmup(Duration.ofSeconds(3))
        .build());

    assertThat(s.totalRequests()).isEqualTo(80_000);
    for (long i = 59_990; i < 60_010; i++) {
      assertThat(s.dueNanos(i)).isCloseTo(i * 50_000, within(1L));
    }
    assertThat(s.countFrom(3_000_000_000L)).isEqualTo(20_000);
  }

  @Test
  void aRampSendsTheIntegralOfItsRateAndSpeedsUp() {
    RateSchedule s = RateSchedule.of(LoadPlan.ramp(List.of(new Stage(Duration.ofSeconds(10), 100),
        new Stage(Duration.ofSeconds(5), 100), new Stage(Duration.ofSeconds(5), 0))).withWarmup(Duration.ZERO)
        .build());

    // 0 -> 100/s over 10 s is 500 requests, 5 s at 100/s is 500, 100 -> 0 over 5 s is 250
    assertThat(s.totalRequests()).isEqualTo(1250);
    long previousGap = Long.MAX_VALUE;
    for (int i = 1; i < 500; i++) {
      long gap = s.dueNanos(i) - s.dueNanos(i - 1);
      assertThat(gap).isLessThanOrEqualTo(previousGap == Long.MAX_VALUE ? previousGap : previousGap + 1);
      previousGap = gap;
    }
    // half of the ramp's requests (250) are due at sqrt(1/2) of its length
    assertThat(s.dueNanos(250) / 1e9).isCloseTo(Math.sqrt(0.5) * 10, within(0.01));
    assertThat(s.dueNanos(750) / 1e9).isCloseTo(12.5, within(0.01));
    assertThat(s.dueNanos(1249) / 1e9).isLessThanOrEqualTo(20.0);
  }
}
