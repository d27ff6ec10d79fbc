package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** With ANALYZER_AUTH_TOKEN set, the handshake needs the bearer token. */
class AuthTest extends RunningServerTest {

  private static final String TOKEN = "s3cret-token-for-tests";
  @Override
  protected ServiceSettings settings(Path sourceRoot) {
    return super.settings(sourceRoot).withAuthToken(TOKEN);
  }

  private static int handshakeStatus(Throwable t) {
    Throwable cause = t instanceof CompletionException ? t.getCause() : t;
    return ((WebSocketHandshakeException) cause).getResponse().statusCode();
  }

  @Test
  void noTokenIsRefusedWith401() {
    assertThatThrownBy(() -> WsClient.connect(server.webSocketUrl()))
        .satisfies(t -> assertThat(handshakeStatus(t)).isEqualTo(401));
  }

  @Test
  void aWrongTokenIsRefusedWith401() {
    assertThatThrownBy(() -> WsClient.connect(server.webSocketUrl(), Map.of("Authorization", "Bearer nope-nope-nope")))
        .satisfies(t -> assertThat(handshakeStatus(t)).isEqualTo(401));
  }

  @Test
  void theRightTokenWorks() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl(), Map.of("Authorization", "Bearer " + TOKEN))) {
      ws.send("{\"type\":\"ping\",\"id\":\"ok\"}");
      assertThat(((Pong) ProtocolCodec.create().decode(ws.next())).correlationId()).isEqualTo("ok");
    }
  }

  @Test
  void healthStaysOpenForProbesAndRefusalsAreCounted() throws Exception {
    assertThatThrownBy(() -> WsClient.connect(server.webSocketUrl())).isNotNull();

    assertThat(Servers.get(server, "/health").statusCode()).isEqualTo(200);
    assertThat(server.metrics().scrape()).contains("analyzer_errors_total{code=\"unauthorized\"}");
  }
}
