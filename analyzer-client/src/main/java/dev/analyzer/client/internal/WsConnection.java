package dev.analyzer.client.internal;

import dev.analyzer.client.replica.Endpoint;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.settings.CompressionSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One WebSocket connection to a service (Netty, permessage-deflate offered). Inbound frames are
 * decoded and handed to the current {@link Listener}; a close (frame or TCP) is reported once.
 * Thread-safe.
 */
public final class WsConnection {

  /** Receives what arrives on a connection, on its I/O thread. */
  public interface Listener {
    void onMessage(Message message);

    /** A frame that did not decode (for example a type this client does not know). */
    default void onUndecodable(String text, RuntimeException error) { }

    /** The connection closed; {@code code} is -1 when it closed without a close frame. */
    void onClose(int code, String reason);
  }

  private static final Listener NO_LISTENER = new Listener() {
    @Override
    public void onMessage(Message message) { }

    @Override
    public void onClose(int code, String reason) { }
  };

  private final Endpoint endpoint;
  private final URI uri;
  private volatile Channel channel;
  private final ProtocolCodec codec;
  private final AtomicReference<Listener> listener = new AtomicReference<>(NO_LISTENER);
  private final CompletableFuture<int[]> closed = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicBoolean closeSent = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicBoolean forceCloseScheduled =
      new java.util.concurrent.atomic.AtomicBoolean();
  /** How long the server gets to drop the TCP connection after the close handshake. */
  static final long FORCE_CLOSE_MILLIS = 2000;
  private final CompletableFuture<Void> socketClosed = new CompletableFuture<>();
  private final CompletableFuture<WsConnection> ready;
  private volatile long lastUsedNanos = System.nanoTime();
  private volatile String closeReason = "";

  private WsConnection(Endpoint endpoint, ProtocolCodec codec, CompletableFuture<WsConnection> ready) {
    this.endpoint = endpoint;
    this.uri = endpoint.uri();
    this.codec = codec;
    this.ready = ready;
  }

  /**
   * Starts connecting; {@link #ready()} completes when the handshake is done (or fails with a
   * {@link ConnectFailure} naming the URL), {@link #closeFuture()} when the socket is gone, whichever
   * way it ends. On a failed handshake the socket is closed.
   */
  public static WsConnection open(EventLoopGroup group, URI uri, String authToken, int maxFrameBytes,
      Duration timeout, ProtocolCodec codec) {
    return open(group, uri, authToken, maxFrameBytes, timeout, CompressionSettings.defaults(), codec);
  }

  /** As {@link #open(EventLoopGroup, URI, String, int, Duration, ProtocolCodec)}, to {@code endpoint}. */
  public static WsConnection open(EventLoopGroup group, Endpoint endpoint, String authToken, int maxFrameBytes,
      Duration timeout, ProtocolCodec codec) {
    return open(group, endpoint, authToken, maxFrameBytes, timeout, CompressionSettings.defaults(), codec);
  }

  /** As {@link #open(EventLoopGroup, URI, String, int, Duration, ProtocolCodec)}, deflating as {@code compression} says. */
  public static WsConnection open(EventLoopGroup group, URI uri, String authToken, int maxFrameBytes,
      Duration timeout, CompressionSettings compression, ProtocolCodec codec) {
    return open(group, Endpoint.of(uri), authToken, maxFrameBytes, timeout, compression, codec);
  }

  /**
   * Connects to {@code endpoint}'s socket address (its bound address, or its URL's host resolved
   * now) while the handshake names the URL itself: its {@code Host} header is the URL's host and
   * port whichever address the socket goes to. There is no TLS in this pipeline yet; one added
   * must take its server name (SNI) and the host checked against the certificate from
   * {@code endpoint.uri().getHost()}, never from the address.
   */
  public static WsConnection open(EventLoopGroup group, Endpoint endpoint, String authToken, int maxFrameBytes,
      Duration timeout, CompressionSettings compression, ProtocolCodec codec) {
    URI uri = endpoint.uri();
    HttpHeaders headers = new DefaultHttpHeaders();
    if (authToken != null) {
      headers.set("Authorization", "Bearer " + authToken);
    }
    CompletableFuture<WsConnection> ready = new CompletableFuture<>();
    WsConnection conn = new WsConnection(endpoint, codec, ready);
    ClientInitializer initializer = new ClientInitializer(uri, headers, maxFrameBytes, timeout, compression,
        new ClientInitializer.Events() {
          @Override
          public void handshakeComplete() {
            ready.complete(conn);
          }

          @Override
          public void text(ByteBuf utf8) {
            conn.onText(utf8);
          }

          @Override
          public void closeFrame(int code, String reason) {
            conn.onCloseFrame(code, reason);
          }

          @Override
          public void failed(Throwable cause) {
            ready.completeExceptionally(new ConnectFailure(endpoint, cause));
          }
        });
    Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(initializer);
    // Register first and connect second, so the connection knows its channel before any event can fire.
    ChannelFuture registered = b.register();
    Channel channel = registered.channel();
    conn.channel = channel;
    channel.closeFuture().addListener(f -> {
      conn.closed.complete(new int[] {-1});
      ready.completeExceptionally(new ConnectFailure(endpoint, new IllegalStateException("connection closed during handshake")));
      conn.socketClosed.complete(null);
    });
    registered.addListener(r -> {
      if (!r.isSuccess()) {
        ready.completeExceptionally(new ConnectFailure(endpoint, r.cause()));
        channel.close();
        return;
      }
      channel.connect(endpoint.socketAddress()).addListener(f -> {
        if (!f.isSuccess()) {
          ready.completeExceptionally(new ConnectFailure(endpoint, f.cause()));
          channel.close();
        }
      });
    });
    ready.whenComplete((c, e) -> {
      if (e != null) {
        channel.close();
      }
    });
    conn.closed.thenAccept(code -> conn.listener.get().onClose(code[0], conn.closeReason));
    return conn;
  }

  /** Completes when the handshake is done; fails with a {@link ConnectFailure}. */
  public CompletableFuture<WsConnection> ready() {
    return ready;
  }

  private void onText(ByteBuf utf8) {
    lastUsedNanos = System.nanoTime();
    Message m;
    try {
      // Parsed in place from the frame's bytes: no intermediate string of a possibly large result.
      m = utf8.hasArray() ? codec.decode(utf8.array(), utf8.arrayOffset() + utf8.readerIndex(), utf8.readableBytes())
          : codec.decode(new ByteBufInputStream(utf8.duplicate()));
    } catch (RuntimeException e) {
      listener.get().onUndecodable(utf8.toString(StandardCharsets.UTF_8), e);
      return;
    }
    listener.get().onMessage(m);
  }

  /** Replaces the listener; if the connection already closed, the new listener hears it at once. */
  public void listen(Listener l) {
    listener.set(l == null ? NO_LISTENER : l);
    if (closed.isDone()) {
      int code = closed.join()[0];
      listener.get().onClose(code, closeReason);
    }
  }

  /** Sends one frame. */
  /**
   * Runs {@code task} on this connection's event loop (at once when already on it), so it is
   * ordered with every other write and event of the connection.
   */
  public void onEventLoop(Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel.eventLoop().execute(task);
    }
  }

  public CompletableFuture<Void> send(Message message) {
    lastUsedNanos = System.nanoTime();
    CompletableFuture<Void> sent = new CompletableFuture<>();
    channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(codec.encodeToBytes(message)))).addListener(f -> {
      if (f.isSuccess()) {
        sent.complete(null);
      } else {
        sent.completeExceptionally(f.cause());
      }
    });
    return sent;
  }

  /**
   * The peer's close frame: echo it (unless we started the close) and let the server drop the TCP
   * connection first, as RFC 6455 asks; the socket (and so the pool permit) is released only after
   * the server has closed its side, so the server never counts more connections than the pool allows.
   */
  private void onCloseFrame(int code, String reason) {
    closeReason = reason;
    closed.complete(new int[] {code});
    if (closeSent.compareAndSet(false, true)) {
      channel.writeAndFlush(new CloseWebSocketFrame(code < 0 ? 1000 : code, ""));
    }
    forceCloseLater();
  }

  /**
   * Closes with 1000, then waits (briefly) for the server to drop the TCP connection; a connection
   * still connecting or in its handshake has no WebSocket to close and is dropped at once. Idempotent.
   */
  public void close() {
    if (!ready.isDone()) {
      channel.close();
      return;
    }
    if (channel.isActive() && closeSent.compareAndSet(false, true)) {
      channel.writeAndFlush(new CloseWebSocketFrame(1000, "client done"));
      forceCloseLater();
    } else if (!channel.isActive() || closed.isDone()) {
      forceCloseLater();
    }
  }

  /**
   * Starts pinging this connection when it has been silent for {@code interval} and drops it when a
   * ping goes unanswered for as long (see {@link LivenessHandler}); {@link Duration#ZERO} does
   * nothing. Idempotent; callable from any thread.
   */
  public void watchLiveness(Duration interval) {
    if (interval.isZero()) {
      return;
    }
    channel.eventLoop().execute(() -> {
      if (channel.isActive() && channel.pipeline().get(LivenessHandler.NAME) == null) {
        channel.pipeline().addFirst(LivenessHandler.NAME, new LivenessHandler(interval, why -> closeReason = why));
      }
    });
  }

  /** Drops the TCP connection now (no close handshake). */
  public void abort() {
    channel.close();
  }

  private void forceCloseLater() {
    if (forceCloseScheduled.compareAndSet(false, true)) {
      channel.eventLoop().schedule(() -> {
        channel.close();
      }, FORCE_CLOSE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /** Completes when the TCP connection is gone. */
  public CompletableFuture<Void> closeFuture() {
    return socketClosed;
  }

  public boolean isOpen() {
    return channel.isActive() && !closed.isDone();
  }

  public URI uri() {
    return uri;
  }

  /** Where this connection went (its URL, and the address it is bound to, if any). */
  public Endpoint endpoint() {
    return endpoint;
  }

  public long lastUsedNanos() {
    return lastUsedNanos;
  }

  /** A connection or handshake failure naming the URL. */
  public static final class ConnectFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectFailure(Endpoint endpoint, Throwable cause) {
      super("cannot connect to " + endpoint + ": " + describe(cause), cause);
    }

    private static String describe(Throwable t) {
      String m = t.getMessage();
      return m == null ? t.getClass().getSimpleName() : m;
    }
  }
}
