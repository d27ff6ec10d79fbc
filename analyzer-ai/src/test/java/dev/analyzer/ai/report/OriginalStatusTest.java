package dev.analyzer.ai.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.ToolStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool statuses in the original's words, ours kept beside them. */
class OriginalStatusTest {

  @Test
  void aTimedOutToolIsAnErrorForTheOriginalAndSaysTimeoutInStatusDetail() {
    ToolOutcome o = ToolOutcome.failed("requirements-scanner", ToolStatus.TIMEOUT, "model call timed out", Map.of());

    assertThat(o.originalRecord()).containsEntry("status", "error").containsEntry("status_detail", "timeout")
        .containsEntry("error", "model call timed out");
    assertThat(OriginalStatus.apply(o.toToolResult().toMap(), o.status())).containsEntry("status", "error")
        .containsEntry("status_detail", "timeout");
  }

  @Test
  void theOriginalsOwnWordsAreLeftAsTheyAre() {
    assertThat(ToolOutcome.failed("code-quality-analyzer", ToolStatus.SKIPPED, null, Map.of()).originalRecord())
        .containsEntry("status", "skipped").doesNotContainKey("status_detail");
    assertThat(OriginalStatus.of(ToolStatus.CANCELLED)).isEqualTo("error");
    assertThat(OriginalStatus.of(ToolStatus.NOT_INSTALLED)).isEqualTo("not_available");
    assertThat(OriginalStatus.of(ToolStatus.NO_FILES)).isEqualTo("no_files");
  }
}
