package dev.analyzer.manager.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void columnsAreAsWideAsTheirWidestCell() {
    TextTable t = new TextTable("service", "state", "pid").row("static", "ready", 42).row("performance", "not built", null);

    assertThat(t.lines()).containsExactly(
        "service      state      pid",
        "static       ready      42",
        "performance  not built  -");
  }

  @Test
  void durationsAreRoundedAndTimestampsCutToTheSecond() {
    assertThat(Durations.format(Duration.ofNanos(850_123_456))).isEqualTo("850 ms");
    assertThat(Durations.format(Duration.ofMillis(12_345))).isEqualTo("12.35 s");
    assertThat(Durations.seconds(Duration.ofMillis(12_345))).isEqualTo(12.35);
    assertThat(Durations.timestamp(Instant.parse("2026-12-02T03:14:34.987654Z"))).isEqualTo("2026-12-02 03:14:34 UTC");
  }
}
