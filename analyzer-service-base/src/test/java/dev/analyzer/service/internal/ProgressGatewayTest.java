package dev.analyzer.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ProtocolCodec;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's line is bounded (oldest dropped and counted) and its events have the original's shape. */
class ProgressGatewayTest {

  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  private final ProtocolCodec codec = ProtocolCodec.create();

  private static ProgressUpdate update(String id, String stage) {
    return new ProgressUpdate(id, "static-analyzer", stage, stage + " now", 50.0, 1, 2, T,
        Map.of("queue_position", 3));
  }

  @Test
  void theEventHasTheOriginalsGatewayShape() throws Exception {
    JsonNode json = codec.mapper().readTree(codec.encode(OriginalProgressShape.of(update("a1", "tool_started"))));

    assertThat(json.get("type").asText()).isEqualTo("progress_update");
    assertThat(json.get("correlation_id").asText()).isEqualTo("a1");
    assertThat(json.get("stage").asText()).isEqualTo("tool_started");
    assertThat(json.get("message").asText()).isEqualTo("tool_started now");
    assertThat(json.get("service").asText()).isEqualTo("static-analyzer");
    assertThat(json.get("timestamp").asText()).startsWith("2026-01-02T03:04:05");
    assertThat(json.has("percent")).isFalse();
    JsonNode data = json.get("data");
    assertThat(data.get("stage").asText()).isEqualTo("tool_started");
    assertThat(data.get("message").asText()).isEqualTo("tool_started now");
    assertThat(data.get("percent").asDouble()).isEqualTo(50.0);
    assertThat(data.get("completed").asInt()).isEqualTo(1);
    assertThat(data.get("total").asInt()).isEqualTo(2);
    assertThat(data.get("queue_position").asInt()).isEqualTo(3);
  }

  @Test
  void aMissingCorrelationIdIsSentEmptyAsTheOriginalDid() throws Exception {
    JsonNode json = codec.mapper().readTree(codec.encode(OriginalProgressShape.of(update(null, "x"))));

    assertThat(json.get("correlation_id").asText()).isEmpty();
  }

  @Test
  void whenTheLineIsFullTheOldestEventsAreDroppedAndCounted() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ProgressGateway g = ProgressGateway.start(URI.create("ws://127.0.0.1:" + port + "/"), 2, codec)) {
      for (int i = 0; i < 5; i++) {
        g.publish(update("a" + i, "s" + i));
      }

      assertThat(g.dropped()).isEqualTo(3);
      assertThat(g.queued()).isEqualTo(2);
      assertThat(g.sent()).isZero();
      assertThat(g.status()).containsEntry("connected", false).containsEntry("dropped", 3L);
    }
  }

  @Test
  void withoutAUrlNothingIsKept() {
    ProgressGateway off = ProgressGateway.start(null, 10, codec);

    off.publish(update("a", "s"));

    assertThat(off.isOn()).isFalse();
    assertThat(off.queued()).isZero();
    assertThat(off.dropped()).isZero();
    off.close();
  }
}
