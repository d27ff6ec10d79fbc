package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.settings.CompressionSettings;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.DeflateWsClient;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.Servers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With ANALYZER_DEFLATE_THRESHOLD 0 (and level 1) every message goes out compressed, even a pong. */
class CompressEverythingTest extends RunningServerTest {

  @Override
  protected ServiceSettings settings(Path sourceRoot) {
    return Servers.settings(sourceRoot).withCompression(new CompressionSettings(1, 0));
  }

  @Test
  void evenAPongTravelsCompressed() throws Exception {
    try (DeflateWsClient ws = new DeflateWsClient(server.webSocketUrl())) {
      for (int i = 0; i < 3; i++) {
        ws.send("{\"type\":\"ping\",\"id\":\"c" + i + "\"}");

        assertThat(((Pong) codec.decode(ws.next(Duration.ofSeconds(5)))).correlationId()).isEqualTo("c" + i);
        assertThat(ws.nextWasCompressed(Duration.ofSeconds(1))).isTrue();
      }
    }
  }
}
