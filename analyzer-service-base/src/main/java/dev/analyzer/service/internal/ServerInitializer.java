package dev.analyzer.service.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The pipeline of one connection: flush consolidation, idle detection, HTTP, the /health and /metrics routes,
 * permessage-deflate (small messages sent uncompressed, see {@link DeflateExtension}), the WebSocket handshake and frame codec, fragment aggregation, and the
 * protocol handler. Pipeline only; sharable.
 *
 * <p>The last stage (the application) is the protocol handler unless a test replaces it: the
 * Autobahn conformance run puts an echo handler there, so it exercises exactly this transport.
 */
public final class ServerInitializer extends ChannelInitializer<SocketChannel> {

  static final String WEBSOCKET_PATH = "/";
  /** Bodies of plain HTTP requests (none of the routes or the upgrade needs one); more gets 413. */
  static final int MAX_HTTP_REQUEST_BYTES = 4 * 1024;
  /** A connection still in HTTP must complete a request within this of its accept or last request. */
  static final long HTTP_REQUEST_DEADLINE_MILLIS = 10_000;
  static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  static final long FORCE_CLOSE_TIMEOUT_MILLIS = 3_000;

  private final ServiceRuntime runtime;
  private final Supplier<? extends ChannelHandler> application;
  /** TCP connections open, upgraded or not; beyond twice the WebSocket cap new ones close at accept. */
  private final AtomicInteger accepted = new AtomicInteger();

  public ServerInitializer(ServiceRuntime runtime) {
    this(runtime, () -> new WebSocketFrameHandler(runtime));
  }

  /**
   * A pipeline whose last stage is a fresh handler from {@code application} per connection; it
   * receives whole (aggregated) text and binary frames.
   */
  public ServerInitializer(ServiceRuntime runtime, Supplier<? extends ChannelHandler> application) {
    this.runtime = runtime;
    this.application = application;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    // What a peer may send: each frame on the wire, each inflated frame and each whole message are
    // capped at ANALYZER_MAX_REQUEST_BYTES (never above ANALYZER_MAX_FRAME_BYTES, which bounds what
    // the service sends). More closes with 1009.
    int maxInbound = runtime.settings().inboundMessageLimit();
    // Before the handshake nothing else bounds a connection: cap them at accept (twice the WebSocket
    // cap leaves room for handshakes in progress and health probes) so a flood of half-open requests
    // cannot take every file descriptor of the process.
    if (accepted.incrementAndGet() > 2L * runtime.settings().maxConnections()) {
      accepted.decrementAndGet();
      ch.close();
      return;
    }
    ch.closeFuture().addListener(f -> accepted.decrementAndGet());
    ChannelPipeline p = ch.pipeline();
    // Replies written while one read is processed (a client pipelining requests) leave in one write
    // at the end of the read instead of one system call each; writes outside a read flush at once.
    p.addLast("flush-consolidation", new FlushConsolidationHandler(
        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));
    long ping = runtime.settings().pingInterval().toMillis();
    if (ping > 0) {
      p.addLast("idle", new IdleStateHandler(ping, 0, 0, TimeUnit.MILLISECONDS));
    }
    p.addLast("http", new HttpServerCodec());
    p.addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
    p.addLast("http-deadline", new RequestDeadlineHandler(HTTP_REQUEST_DEADLINE_MILLIS));
    p.addLast("routes", new HttpRoutesHandler(runtime));
    p.addLast("deflate", DeflateExtension.serverHandler(runtime.settings().compression(), maxInbound));
    p.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(WEBSOCKET_PATH)
        .checkStartsWith(true)
        .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
        .forceCloseTimeoutMillis(FORCE_CLOSE_TIMEOUT_MILLIS)
        .handleCloseFrames(true)
        // Netty's default would send a trailing "1000 Bye" after a protocol-violation close,
        // which fails Autobahn's close-handling cases (java-stack.md §3).
        .sendCloseFrame(null)
        .dropPongFrames(true)
        .maxFramePayloadLength(maxInbound)
        .allowExtensions(true)
        .closeOnProtocolViolation(true)
        .withUTF8Validator(true)
        .build()));
    p.addLast("fragments", new WebSocketFrameAggregator(maxInbound));
    p.addLast("protocol", application.get());
  }
}
