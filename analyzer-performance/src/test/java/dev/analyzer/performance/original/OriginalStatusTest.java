package dev.analyzer.performance.original;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.performance.tools.OriginalStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginalStatusTest {

  @Test
  void everyStatusOfOursHasAWordOfTheOriginals() {
    assertThat(OriginalStatus.of(ToolStatus.SUCCESS)).isEqualTo("success");
    assertThat(OriginalStatus.of(ToolStatus.SKIPPED)).isEqualTo("skipped");
    assertThat(OriginalStatus.of(ToolStatus.NO_FILES)).isEqualTo("no_files");
    assertThat(OriginalStatus.of(ToolStatus.NOT_INSTALLED)).isEqualTo("not_available");
    assertThat(OriginalStatus.of(ToolStatus.ERROR)).isEqualTo("error");
    assertThat(OriginalStatus.of(ToolStatus.TIMEOUT)).isEqualTo("error");
    assertThat(OriginalStatus.of(ToolStatus.CANCELLED)).isEqualTo("error");
  }

  @Test
  void oursIsKeptBesideTheOriginalsWordWhenTheyDiffer() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("tool", "ab");
    record.put("status", "timeout");
    record.put("error", "ab timed out");

    Map<String, Object> timedOut = OriginalStatus.apply(record, ToolStatus.TIMEOUT);
    Map<String, Object> ok = OriginalStatus.apply(Map.of("status", "success"), ToolStatus.SUCCESS);

    assertThat(timedOut).containsEntry("status", "error").containsEntry("status_detail", "timeout")
        .containsEntry("error", "ab timed out");
    assertThat(timedOut.keySet()).containsExactly("tool", "status", "status_detail", "error");
    assertThat(ok).containsEntry("status", "success").doesNotContainKey("status_detail");
  }
}
