package dev.analyzer.client.internal;

import dev.analyzer.core.settings.CompressionSettings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.compression.DeflateFrameClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.net.URI;
import java.time.Duration;

/**
 * The client pipeline: HTTP, permessage-deflate, the WebSocket handshake (with no {@code Origin}
 * header: this client is not a browser), aggregation, events.
 */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {

  /** What the pipeline reports, on the I/O thread. */
  interface Events {
    void handshakeComplete();

    /** One whole text frame's UTF-8 payload, valid only during the call. */
    void text(ByteBuf utf8);

    void closeFrame(int code, String reason);

    void failed(Throwable cause);
  }

  private static final int MAX_HANDSHAKE_RESPONSE = 64 * 1024;

  private final URI uri;
  private final HttpHeaders headers;
  private final int maxFrameBytes;
  private final Duration handshakeTimeout;
  private final CompressionSettings compression;
  private final Events events;

  ClientInitializer(URI uri, HttpHeaders headers, int maxFrameBytes, Duration handshakeTimeout,
      CompressionSettings compression, Events events) {
    this.uri = uri;
    this.headers = headers;
    this.maxFrameBytes = maxFrameBytes;
    this.handshakeTimeout = handshakeTimeout;
    this.compression = compression;
    this.events = events;
  }

  /**
   * permessage-deflate offered as Netty's default client handler offers it, at the configured level;
   * whole requests below the threshold go out uncompressed (RSV1 clear), everything received is
   * inflated.
   */
  private WebSocketClientExtensionHandler deflate() {
    WebSocketExtensionFilter skipSmall = frame -> frame.isFinalFragment()
        && (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
        && !compression.compresses(frame.content().readableBytes());
    WebSocketExtensionFilterProvider filters = new WebSocketExtensionFilterProvider() {
      @Override
      public WebSocketExtensionFilter encoderFilter() {
        return skipSmall;
      }

      @Override
      public WebSocketExtensionFilter decoderFilter() {
        return WebSocketExtensionFilter.NEVER_SKIP;
      }
    };
    int level = compression.level();
    return new WebSocketClientExtensionHandler(
        new PerMessageDeflateClientExtensionHandshaker(level, ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
            PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, false, false, filters, maxFrameBytes),
        new DeflateFrameClientExtensionHandshaker(level, false, filters, maxFrameBytes),
        new DeflateFrameClientExtensionHandshaker(level, true, filters, maxFrameBytes));
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(new HttpClientCodec());
    p.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE));
    p.addLast(deflate());
    p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri)
        .customHeaders(headers)
        .allowExtensions(true)
        // Netty sends its target as Origin by default; services refuse a foreign Origin (only
        // browsers must send one), and an Origin naming a host name counts as foreign
        .generateOriginHeader(false)
        .maxFramePayloadLength(maxFrameBytes)
        .handshakeTimeoutMillis(Math.max(1, handshakeTimeout.toMillis()))
        .handleCloseFrames(false)
        .dropPongFrames(true)
        .build()));
    p.addLast(new WebSocketFrameAggregator(maxFrameBytes));
    p.addLast(new SimpleChannelInboundHandler<WebSocketFrame>() {
      @Override
      protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
          events.text(frame.content());
        } else if (frame instanceof CloseWebSocketFrame) {
          CloseWebSocketFrame close = (CloseWebSocketFrame) frame;
          events.closeFrame(close.statusCode(), close.reasonText());
        }
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
          // Netty removes the HTTP codec in a task it queues right before this event; a frame
          // written from inside the event would still pass through it and could be lost.
          ctx.channel().eventLoop().execute(events::handshakeComplete);
        } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
          events.failed(new IllegalStateException("handshake timed out after " + handshakeTimeout.toMillis() + " ms"));
          ctx.close();
        }
        super.userEventTriggered(ctx, evt);
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        events.failed(cause);
        ctx.close();
      }
    });
  }
}
