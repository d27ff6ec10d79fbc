package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.Pong;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** ANALYZER_MAX_CONNECTIONS_PER_SERVICE: the connection beyond the cap gets HTTP 503 at the handshake. */
class ConnectionCapTest extends RunningServerTest {

  private static final int CAP = 3;

  @Override
  protected ServiceSettings settings(Path sourceRoot) {
    return super.settings(sourceRoot).withMaxConnections(CAP);
  }

  private static int handshakeStatus(Throwable t) {
    Throwable cause = t instanceof CompletionException ? t.getCause() : t;
    return ((WebSocketHandshakeException) cause).getResponse().statusCode();
  }

  @Test
  void theConnectionBeyondTheCapIsRefusedWith503AndASlotFreesOnClose() throws Exception {
    List<WsClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        open.add(WsClient.connect(server.webSocketUrl()));
      }

      assertThatThrownBy(() -> WsClient.connect(server.webSocketUrl()))
          .satisfies(t -> assertThat(handshakeStatus(t)).isEqualTo(503));
      assertThat(Servers.get(server, "/health").statusCode()).as("health is not a connection").isEqualTo(200);
      open.get(0).send("{\"type\":\"ping\",\"id\":\"kept\"}");
      assertThat(((Pong) codec.decode(open.get(0).next())).correlationId()).isEqualTo("kept");

      open.remove(0).close();

      WsClient again = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
          .until(() -> WsClient.connect(server.webSocketUrl()), ws -> true);
      open.add(again);
      again.send("{\"type\":\"ping\",\"id\":\"again\"}");
      assertThat(((Pong) codec.decode(again.next())).correlationId()).isEqualTo("again");
    } finally {
      open.forEach(WsClient::close);
    }
  }
}
