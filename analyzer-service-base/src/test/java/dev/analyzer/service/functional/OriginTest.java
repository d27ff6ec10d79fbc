package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.Pong;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A browser page from another origin cannot open a WebSocket to the service (ANALYZER_ALLOWED_ORIGINS). */
class OriginTest extends RunningServerTest {

  @Override
  protected ServiceSettings settings(Path sourceRoot) {
    return super.settings(sourceRoot).withAllowedOrigins(List.of("http://localhost:3000"));
  }

  private static int handshakeStatus(Throwable t) {
    Throwable cause = t instanceof CompletionException ? t.getCause() : t;
    return ((WebSocketHandshakeException) cause).getResponse().statusCode();
  }

  @Test
  void aHandshakeFromAnotherOriginIsRefusedWith403BeforeTheUpgrade() {
    assertThatThrownBy(() -> WsClient.connect(server.webSocketUrl(), Map.of("Origin", "http://evil.example")))
        .satisfies(t -> assertThat(handshakeStatus(t)).isEqualTo(403));

    assertThat(server.metrics().scrape()).contains("analyzer_connections_total 0");
  }

  @Test
  void aDnsRebindingPageWhoseOriginMatchesItsOwnHostIsRefused() {
    String url = server.webSocketUrl();
    assertThatThrownBy(() -> WsClient.connect(url, Map.of("Origin", "http://127.0.0.1.nip.example:" + server.port())))
        .satisfies(t -> assertThat(handshakeStatus(t)).isEqualTo(403));
  }

  @Test
  void anAllowedOriginWorks() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl(), Map.of("Origin", "http://localhost:3000"))) {
      ws.send("{\"type\":\"ping\",\"id\":\"allowed\"}");
      assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("allowed");
    }
  }

  @Test
  void aHandshakeWithoutOriginWorks() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"ping\",\"id\":\"none\"}");
      assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("none");
    }
  }

  @Test
  void theServicesOwnOriginWorksAsNettyClientsSendIt() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl(), Map.of("Origin", "http://127.0.0.1:" + server.port()))) {
      ws.send("{\"type\":\"ping\",\"id\":\"own\"}");
      assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("own");
    }
  }

  @Test
  void theSettingParsesAListAndTheWildcard() {
    ServiceSettings s = ServiceSettings.fromEnvironment(
        dev.analyzer.core.settings.Environment.of(Map.of("ANALYZER_ALLOWED_ORIGINS", "http://a.example, HTTPS://B.example:8443/",
            "ANALYZER_SOURCE_ROOTS", root.toString())), 0);

    assertThat(s.allowedOrigins()).containsExactly("http://a.example", "https://b.example:8443");
    assertThat(s.allowsOrigin("https://b.example:8443")).isTrue();
    assertThat(s.allowsOrigin("http://evil.example")).isFalse();
    assertThat(s.withAllowedOrigins(List.of("*")).allowsOrigin("http://evil.example")).isTrue();
    assertThatThrownBy(() -> s.withAllowedOrigins(List.of("http://a.example/path")))
        .hasMessageContaining("ANALYZER_ALLOWED_ORIGINS").hasMessageContaining("/path");
  }
}
