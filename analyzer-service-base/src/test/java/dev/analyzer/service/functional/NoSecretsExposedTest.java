package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /health and /metrics, and error replies, reveal neither the token nor the service's paths. */
class NoSecretsExposedTest extends RunningServerTest {

  private static final String TOKEN = "tok-3f9a1c77e2b84d10";

  @Override
  protected ServiceSettings settings(Path sourceRoot) {
    return super.settings(sourceRoot).withAuthToken(TOKEN);
  }

  @Test
  void healthAndMetricsContainNoTokenAndNoPath() throws Exception {
    // given traffic that records errors: a refused handshake and a request naming a path outside the roots
    try {
      WsClient.connect(server.webSocketUrl(), Map.of("Authorization", "Bearer wrong-token-123")).close();
    } catch (RuntimeException expected) {
      // refused with 401
    }
    try (WsClient ws = WsClient.connect(server.webSocketUrl(), Map.of("Authorization", "Bearer " + TOKEN))) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"out\",\"source_path\":\"/etc\"}");
      String reply = ws.next();
      assertThat(reply).contains("invalid_request");
      assertThat(reply).as("the error names no source root").doesNotContain(root.toString())
          .doesNotContain(root.toRealPath().toString());
    }

    // when
    String health = Servers.get(server, "/health").body();
    String metrics = Servers.get(server, "/metrics").body();

    // then
    for (String body : List.of(health, metrics)) {
      assertThat(body).doesNotContain(TOKEN).doesNotContain("wrong-token-123")
          .doesNotContain(root.toString()).doesNotContain(root.toRealPath().toString())
          .doesNotContain(System.getProperty("user.home") + "/").doesNotContain(System.getProperty("user.dir"))
          .doesNotContain(System.getProperty("java.io.tmpdir") + "/");
    }
    assertThat(metrics).contains("analyzer_errors_total{code=\"unauthorized\"}");
  }
}
