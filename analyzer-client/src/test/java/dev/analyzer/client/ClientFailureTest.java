package dev.analyzer.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Pong;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client failure's reply names it on the wire, and reads back through the core's WireNames. */
class ClientFailureTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void everyFailureReadsBackFromItsReply() {
    for (ClientFailure f : ClientFailure.values()) {
      ErrorMessage reply = f.reply("why", "id-1", "static-analyzer", T);

      assertThat(reply.extra()).containsEntry("status", f.wire()).containsEntry("error", "why");
      assertThat(reply.correlationId()).isEqualTo("id-1");
      assertThat(ClientFailure.of(reply)).contains(f);
    }
  }

  @Test
  void repliesThatAreNotClientFailuresReadAsNone() {
    assertThat(ClientFailure.of(Pong.replyTo(dev.analyzer.core.protocol.Ping.of(T), "s", T))).isEmpty();
    assertThat(ClientFailure.of(ErrorMessage.of(ErrorCode.BUSY, "busy", "id", "s", T))).isEmpty();
    assertThat(ClientFailure.of(new ErrorMessage(ErrorCode.BUSY, "x", "id", "s", T, Map.of("status", "nonsense"))))
        .isEmpty();
    assertThat(ClientFailure.of(new ErrorMessage(ErrorCode.BUSY, "x", "id", "s", T, Map.of("status", 7)))).isEmpty();
  }
}
