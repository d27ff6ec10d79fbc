package dev.analyzer.service.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client built on the JDK's {@code java.net.http.WebSocket}: an implementation
 * independent of Netty, so tests check the server against a real, separate peer.
 */
public final class WsClient implements AutoCloseable {

  /** How the server closed the connection. */
  public record Close(int code, String reason) {}

  private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private final WebSocket ws;

  private WsClient(URI uri, Map<String, String> headers) {
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    headers.forEach(b::header);
    this.ws = b.buildAsync(uri, new Listener()).join();
  }

  public static WsClient connect(String url) {
    return new WsClient(URI.create(url), Map.of());
  }

  public static WsClient connect(String url, Map<String, String> headers) {
    return new WsClient(URI.create(url), headers);
  }

  public WsClient send(String text) {
    ws.sendText(text, true).join();
    return this;
  }

  /** Sends {@code parts} as one message split into continuation frames. */
  public WsClient sendFragmented(String... parts) {
    for (int i = 0; i < parts.length; i++) {
      ws.sendText(parts[i], i == parts.length - 1).join();
    }
    return this;
  }

  public void sendBinary(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /** The next text message, waiting up to {@code timeout}. */
  public String next(Duration timeout) throws InterruptedException {
    String s = texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (s == null) {
      throw new AssertionError("no message within " + timeout);
    }
    return s;
  }

  public String next() throws InterruptedException {
    return next(Duration.ofSeconds(10));
  }

  /** The next text message whose JSON type is {@code type}, skipping others (progress, ...). */
  public String nextOfType(String type, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      String s = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
      if (s.contains("\"type\":\"" + type + "\"")) {
        return s;
      }
    }
  }

  /** The close the server sent, waiting up to {@code timeout}. */
  public Close awaitClose(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isClosed() {
    return closed.isDone() || ws.isInputClosed();
  }

  /** Drops the TCP connection without a close handshake. */
  public void abort() {
    ws.abort();
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      try {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        ws.abort();
      }
    }
    ws.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new Close(-1, String.valueOf(error)));
    }
  }
}
