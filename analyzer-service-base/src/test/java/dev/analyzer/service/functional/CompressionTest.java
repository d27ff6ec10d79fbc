package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.service.testing.DeflateWsClient;
import dev.analyzer.service.testing.RunningServerTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A client offering permessage-deflate gets it, and exchanges compressed frames correctly. */
class CompressionTest extends RunningServerTest {

  @Test
  void deflateIsNegotiatedAndLargeResultsTravelCompressed() throws Exception {
    try (DeflateWsClient ws = new DeflateWsClient(server.webSocketUrl())) {
      assertThat(ws.negotiatedExtensions()).contains("permessage-deflate");

      ws.send("{\"type\":\"ping\",\"id\":\"z1\"}");
      assertThat(((Pong) codec.decode(ws.next(Duration.ofSeconds(5)))).correlationId()).isEqualTo("z1");

      long before = ws.wireBytesIn();
      ws.send("{\"type\":\"static_analyze\",\"id\":\"z2\",\"config\":{\"mode\":\"big\",\"bytes\":2000000}}");
      String raw;
      do {
        raw = ws.next(Duration.ofSeconds(10));
      } while (!raw.contains("static_analysis_result"));

      AnalysisResult r = (AnalysisResult) codec.decode(raw);
      assertThat(r.analysis().findings().get(0).evidence()).hasSize(2_000_000);
      assertThat(ws.wireBytesIn() - before).as("bytes on the wire for a 2 MB result").isLessThan(200_000);
    }
  }
}
