package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.service.testing.DeflateWsClient;
import dev.analyzer.service.testing.RunningServerTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client offering permessage-deflate gets it, and exchanges compressed frames correctly; messages
 * below ANALYZER_DEFLATE_THRESHOLD go out uncompressed.
 */
class CompressionTest extends RunningServerTest {

  @Test
  void deflateIsNegotiatedAndLargeResultsTravelCompressed() throws Exception {
    try (DeflateWsClient ws = new DeflateWsClient(server.webSocketUrl())) {
      assertThat(ws.negotiatedExtensions()).contains("permessage-deflate");

      ws.send("{\"type\":\"ping\",\"id\":\"z1\"}");
      assertThat(((Pong) codec.decode(ws.next(Duration.ofSeconds(5)))).correlationId()).isEqualTo("z1");
      assertThat(ws.nextWasCompressed(Duration.ofSeconds(1))).as("a pong is below the 1024-byte threshold").isFalse();

      long before = ws.wireBytesIn();
      ws.send("{\"type\":\"static_analyze\",\"id\":\"z2\",\"config\":{\"mode\":\"big\",\"bytes\":2000000}}");
      String raw;
      do {
        raw = ws.next(Duration.ofSeconds(10));
      } while (!raw.contains("static_analysis_result"));

      boolean compressed = false;
      for (int i = 0; i < 50 && !compressed; i++) {
        compressed = ws.nextWasCompressed(Duration.ofSeconds(1));
      }
      assertThat(compressed).as("the 2 MB result frame came with RSV1 set").isTrue();
      AnalysisResult r = (AnalysisResult) codec.decode(raw);
      assertThat(r.analysis().findings().get(0).evidence()).hasSize(2_000_000);
      assertThat(ws.wireBytesIn() - before).as("bytes on the wire for a 2 MB result").isLessThan(200_000);
    }
  }
}
