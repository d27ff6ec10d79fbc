package dev.analyzer.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.time.Duration;

/** The client pipeline: HTTP, permessage-deflate, the WebSocket handshake, aggregation, events. */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {

  /** What the pipeline reports, on the I/O thread. */
  interface Events {
    void handshakeComplete();

    void text(String text);

    void closeFrame(int code, String reason);

    void failed(Throwable cause);
  }

  private static final int MAX_HANDSHAKE_RESPONSE = 64 * 1024;

  private final URI uri;
  private final HttpHeaders headers;
  private final int maxFrameBytes;
  private final Duration handshakeTimeout;
  private final Events events;

  ClientInitializer(URI uri, HttpHeaders headers, int maxFrameBytes, Duration handshakeTimeout, Events events) {
    this.uri = uri;
    this.headers = headers;
    this.maxFrameBytes = maxFrameBytes;
    this.handshakeTimeout = handshakeTimeout;
    this.events = events;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(new HttpClientCodec());
    p.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE));
    p.addLast(new WebSocketClientCompressionHandler(maxFrameBytes));
    p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri)
        .customHeaders(headers)
        .allowExtensions(true)
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
          events.text(((TextWebSocketFrame) frame).text());
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
