package dev.analyzer.performance.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The plan's validation of the pacing spins: defaults, bounds, and errors that name the setting. */
class LoadPlanTest {

  @Test
  void spinsDefaultToFiftyMicrosBeforeADueTimeAndOneMilliForAnswers() {
    LoadPlan plan = LoadPlan.open(100, Duration.ofSeconds(1)).build();

    assertThat(plan.scheduleSpin()).isEqualTo(Duration.ofNanos(50_000));
    assertThat(plan.answerSpin()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void answerSpinOutsideZeroToTenMillisIsRejectedByName() {
    assertThatThrownBy(() -> LoadPlan.open(100, Duration.ofSeconds(1)).withAnswerSpin(Duration.ofMillis(11)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("answer_spin");
    assertThatThrownBy(() -> LoadPlan.open(100, Duration.ofSeconds(1)).withAnswerSpin(Duration.ofNanos(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("answer_spin");
    assertThat(LoadPlan.open(100, Duration.ofSeconds(1)).withAnswerSpin(Duration.ZERO).build().answerSpin()).isZero();
  }
}
