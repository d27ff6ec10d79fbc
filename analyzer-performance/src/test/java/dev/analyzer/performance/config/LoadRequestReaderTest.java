package dev.analyzer.performance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ProtocolException;
import dev.analyzer.performance.PerformanceSettings;
import dev.analyzer.performance.generator.WorkloadModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadRequestReaderTest {

  private final PerformanceSettings caps = PerformanceSettings.defaults();

  private static AnalysisRequest req(Map<String, Object> config, Map<String, Object> extra) {
    return new AnalysisRequest(AnalysisKind.PERFORMANCE.requestType(), "r", null, null, null, null, config,
        List.of("http://127.0.0.1:1"), null, null, null, extra);
  }

  @Test
  void theFixedNamesAreRead() {
    LoadRequest l = LoadRequestReader.read(req(Map.of("load", Map.of("model", "open", "stages",
        List.of(Map.of("duration", "2s", "target_rate", 100), Map.of("duration", 3, "rate", 50)), "connections", 7,
        "warmup", "500ms", "scenarios", List.of("/a", Map.of("method", "post", "path", "/b", "body", Map.of("k", 1),
            "expected_status", 201, "weight", 2)), "thresholds", List.of("p95 < 200ms"))), Map.of()), caps);

    assertThat(l.model()).isEqualTo(WorkloadModel.OPEN);
    assertThat(l.measured()).isEqualTo(Duration.ofSeconds(5));
    assertThat(l.connections()).isEqualTo(7);
    assertThat(l.warmup()).isEqualTo(Duration.ofMillis(500));
    assertThat(l.scenarios()).hasSize(2);
    assertThat(l.scenarios().get(1).headers()).containsEntry("Content-Type", "application/json");
    assertThat(l.scenarios().get(1).bodyText()).isEqualTo("{\"k\":1}");
    assertThat(l.thresholds().all()).hasSize(1);
  }

  @Test
  void usersAndDurationMapAsTheOriginalsDid() {
    LoadRequest l = LoadRequestReader.read(req(Map.of(), Map.of("users", 4, "duration", 3)), caps);

    assertThat(l.model()).isEqualTo(WorkloadModel.CLOSED);
    assertThat(l.connections()).isEqualTo(4);
    assertThat(l.duration()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void valuesBeyondTheCapsOrMalformedAreRefusedNamingTheField() {
    assertThatThrownBy(() -> LoadRequestReader.read(req(Map.of("load", Map.of("connections", 5000)), Map.of()), caps))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("config.load.connections")
        .hasMessageContaining("ANALYZER_PERF_MAX_CONNECTIONS");
    assertThatThrownBy(() -> LoadRequestReader.read(req(Map.of("load", Map.of("duration", "1h")), Map.of()), caps))
        .hasMessageContaining("ANALYZER_PERF_MAX_DURATION");
    assertThatThrownBy(() -> LoadRequestReader.read(req(Map.of("load", Map.of("model", "closed", "rate", 5)),
        Map.of()), caps)).hasMessageContaining("open model");
    assertThatThrownBy(() -> LoadRequestReader.read(req(Map.of("load", Map.of("scenarios",
        List.of(Map.of("path", "/x\r\nEvil: 1")))), Map.of()), caps)).hasMessageContaining("scenarios[0]");
    assertThatThrownBy(() -> LoadRequestReader.read(req(Map.of("load", Map.of("stages", List.of(Map.of("duration",
        "1s")))), Map.of()), caps)).hasMessageContaining("stages[0]");
    assertThatThrownBy(() -> LoadRequestReader.read(req(Map.of("load", Map.of("duration", "soon")), Map.of()), caps))
        .hasMessageContaining("config.load.duration");
  }
}
