package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.Pong;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connections that never finish their HTTP request: a half-sent request trickled one byte at a time
 * is closed at the request deadline (10 s), and TCP connections beyond twice the WebSocket cap are
 * closed at accept, so a flood of them cannot take every file descriptor. Real sockets.
 */
class PreHandshakeLimitsTest extends RunningServerTest {

  private static final int CAP = 2;

  @Override
  protected ServiceSettings settings(Path sourceRoot) {
    return super.settings(sourceRoot).withMaxConnections(CAP);
  }

  private Socket raw() throws Exception {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(500);
    return s;
  }

  /** True when the server closed the socket (end of stream or reset) within {@code waitMillis}. */
  private static boolean closedWithin(Socket s, long waitMillis) throws Exception {
    long end = System.nanoTime() + waitMillis * 1_000_000;
    InputStream in = s.getInputStream();
    while (System.nanoTime() < end) {
      try {
        if (in.read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        // keep waiting
      } catch (java.io.IOException reset) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aHalfSentRequestTrickledByteByByteIsClosedAtTheRequestDeadline() throws Exception {
    try (Socket s = raw()) {
      OutputStream out = s.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      boolean closed = false;
      // One header byte every 1.5 s: under every idle timer, never a complete request.
      for (int i = 0; i < 12 && !closed; i++) {
        try {
          out.write('X');
          out.flush();
        } catch (java.io.IOException gone) {
          closed = true;
          break;
        }
        closed = closedWithin(s, 1500);
      }
      double seconds = (System.nanoTime() - start) / 1e9;

      assertThat(closed).as("closed by the service").isTrue();
      assertThat(seconds).as("seconds until closed").isBetween(8.0, 14.0);
    }
  }

  @Test
  void tcpConnectionsBeyondTwiceTheCapAreClosedAtAcceptAndTheServiceStillAnswers() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 2 * CAP; i++) {
        held.add(raw());
      }
      for (Socket s : held) {
        assertThat(closedWithin(s, 300)).as("a connection within the cap stays open").isFalse();
      }
      try (Socket beyond = raw()) {
        assertThat(closedWithin(beyond, 3000)).as("the connection beyond the cap is closed").isTrue();
      }

      held.remove(0).close();
      try (WsClient ws = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
          .until(() -> WsClient.connect(server.webSocketUrl()), w -> true)) {
        ws.send("{\"type\":\"ping\",\"id\":\"after\"}");
        assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("after");
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aRequestBodyOverTheSmallHttpCapIsRefused() throws Exception {
    try (Socket s = raw()) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 65536\r\n\r\n"
          + "x".repeat(65536)).getBytes(StandardCharsets.US_ASCII));
      String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(head).isEqualTo("HTTP/1.1 413");
    }
    assertThat(Servers.get(server, "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aHandshakeWithAnUnsupportedVersionIsRefusedAndClosedWithoutHoldingASlot() throws Exception {
    for (int i = 0; i < CAP + 2; i++) {
      try (Socket s = raw()) {
        s.setSoTimeout(5000);
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

        assertThat(head).isEqualTo("HTTP/1.1 426");
        assertThat(closedWithin(s, 3000)).as("closed after the refusal").isTrue();
      }
    }
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"ping\",\"id\":\"slots\"}");
      assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("slots");
    }
  }
}
