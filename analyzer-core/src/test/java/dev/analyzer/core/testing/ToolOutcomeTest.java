package dev.analyzer.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolOutcomeTest {

  @Test
  void statusesAreFiledTheWayTheManagerFilesThem() {
    assertThat(ToolOutcome.of("success")).isEqualTo(ToolOutcome.OK);
    assertThat(ToolOutcome.of("Completed")).isEqualTo(ToolOutcome.OK);
    assertThat(ToolOutcome.of("no_issues")).isEqualTo(ToolOutcome.OK);
    assertThat(ToolOutcome.of("SKIPPED")).isEqualTo(ToolOutcome.SKIPPED);
    assertThat(ToolOutcome.of("not_available")).isEqualTo(ToolOutcome.SKIPPED);
    assertThat(ToolOutcome.of("error")).isEqualTo(ToolOutcome.FAILED);
    assertThat(ToolOutcome.of("unknown")).isEqualTo(ToolOutcome.FAILED);
    assertThat(ToolOutcome.of(null)).isEqualTo(ToolOutcome.FAILED);
  }
}
