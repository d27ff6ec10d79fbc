package dev.analyzer.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.client.replica.Endpoint;
import dev.analyzer.core.protocol.ProtocolCodec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the client's WebSocket handshake carries, seen by a raw in-process server (a plain socket
 * that records the request headers and answers 101): no {@code Origin}, which browsers send and
 * services refuse when foreign (issue 12 point 5); Netty's client adds one by default.
 */
class HandshakeHeadersTest {

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }

  @Test
  void theHandshakeCarriesNoOriginHeader() throws Exception {
    for (String host : new String[] {"127.0.0.1", "localhost"}) {
      try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
        CompletableFuture<Map<String, String>> request = new CompletableFuture<>();
        CompletableFuture<Void> served = CompletableFuture.runAsync(() -> acceptOne(server, request));
        URI uri = URI.create("ws://" + host + ":" + server.getLocalPort() + "/");

        WsConnection c = WsConnection.open(group, uri, "secret-token-1", 1 << 20, Duration.ofSeconds(5),
            ProtocolCodec.create());

        assertThat(c.ready()).succeedsWithin(Duration.ofSeconds(5));
        Map<String, String> headers = request.get(5, TimeUnit.SECONDS);
        assertThat(headers).as("a real handshake, to %s", host)
            .containsEntry("upgrade", "websocket")
            .containsEntry("host", host + ":" + server.getLocalPort())
            .containsEntry("authorization", "Bearer secret-token-1")
            .containsKey("sec-websocket-key");
        assertThat(headers).as("handshake headers to %s", host).doesNotContainKey("origin");
        c.abort();
        served.get(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aConnectionToOneAddressOfANameStillNamesTheHostInItsHandshake() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.2"))) {
      CompletableFuture<Map<String, String>> request = new CompletableFuture<>();
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> acceptOne(server, request));
      URI uri = URI.create("ws://analyzer-static.analyzers.svc:" + server.getLocalPort() + "/");
      Endpoint pod = new Endpoint(uri, InetAddress.getByName("127.0.0.2"));

      WsConnection c = WsConnection.open(group, pod, null, 1 << 20, Duration.ofSeconds(5), ProtocolCodec.create());

      assertThat(c.ready()).succeedsWithin(Duration.ofSeconds(5));
      assertThat(request.get(5, TimeUnit.SECONDS)).as("the socket went to 127.0.0.2, the handshake names the host")
          .containsEntry("host", "analyzer-static.analyzers.svc:" + server.getLocalPort())
          .doesNotContainKey("origin");
      assertThat(c.endpoint()).isEqualTo(pod);
      c.abort();
      served.get(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Reads one HTTP upgrade request, hands its headers (names in lower case) to {@code request},
   * answers 101 and keeps the connection until the client drops it.
   */
  private static void acceptOne(ServerSocket server, CompletableFuture<Map<String, String>> request) {
    try (Socket s = server.accept()) {
      s.setSoTimeout(5000);
      String head = readHead(s.getInputStream());
      Map<String, String> headers = new LinkedHashMap<>();
      String[] lines = head.split("\r\n");
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
          (headers.get("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
      s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      request.complete(headers);
      s.getInputStream().transferTo(OutputStream.nullOutputStream());
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      request.completeExceptionally(e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed before the end of its request head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > 16 * 1024) {
        throw new IOException("request head over 16 KiB");
      }
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
