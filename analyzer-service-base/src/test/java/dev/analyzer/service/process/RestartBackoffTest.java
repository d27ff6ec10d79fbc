package dev.analyzer.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.service.process.internal.RestartBackoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

  @Test
  void doublesPerAttemptUpToTheCapWithoutOverflow() {
    RestartBackoff b = new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void boundsAreValidatedWithTheValueInTheMessage() {
    assertThatThrownBy(() -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("initial delay must be > 0, got PT0S");
    assertThatThrownBy(() -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("max delay must be >= initial PT2S, got PT1S");
  }
}
