package dev.analyzer.service.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client that offers permessage-deflate (as Python's websockets does by default) and
 * counts the bytes that actually arrive on the socket, so a test can see compression at work.
 */
public final class DeflateWsClient implements AutoCloseable {

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  private static final int RSV1 = 0x04;

  private final AtomicLong wireBytesIn = new AtomicLong();
  private final BlockingQueue<Boolean> compressedIn = new LinkedBlockingQueue<>();
  private final CompletableFuture<String> extensions = new CompletableFuture<>();
  private final CompletableFuture<Void> handshake = new CompletableFuture<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final Channel channel;

  public DeflateWsClient(String url) throws InterruptedException {
    URI uri = URI.create(url);
    channel = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new ChannelDuplexHandler() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
              wireBytesIn.addAndGet(((ByteBuf) msg).readableBytes());
            }
            ctx.fireChannelRead(msg);
          }
        });
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536));
        ch.pipeline().addLast(new ChannelDuplexHandler() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpResponse) {
              String ext = ((FullHttpResponse) msg).headers().get("sec-websocket-extensions");
              extensions.complete(ext == null ? "" : ext);
            } else if (msg instanceof CloseWebSocketFrame) {
              closeCode.complete(((CloseWebSocketFrame) msg).statusCode());
            } else if (msg instanceof TextWebSocketFrame) {
              // After the handshake this stage sees frames as they came off the wire, before inflation.
              compressedIn.add((((TextWebSocketFrame) msg).rsv() & RSV1) != 0);
            }
            ctx.fireChannelRead(msg);
          }
        });
        ch.pipeline().addLast(new WebSocketClientCompressionHandler(64 * 1024 * 1024));
        ch.pipeline().addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri).allowExtensions(true).maxFramePayloadLength(64 * 1024 * 1024).build()));
        ch.pipeline().addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            texts.add(frame.text());
          }

          @Override
          public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
              handshake.complete(null);
            }
            super.userEventTriggered(ctx, evt);
          }
        });
      }
    }).connect(uri.getHost(), uri.getPort()).sync().channel();
    channel.closeFuture().addListener(f -> closeCode.complete(-1));
    handshake.orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** The status code of the close frame the server sent (-1 when the connection dropped without one). */
  public int awaitCloseCode(Duration timeout) throws Exception {
    return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends {@code text} without waiting for the write (it may fail when the server closes first). */
  public void sendAsync(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  public void send(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
  }

  public String next(Duration timeout) throws InterruptedException {
    String s = texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (s == null) {
      throw new AssertionError("no message within " + timeout);
    }
    return s;
  }

  /** Whether the next text frame received (in arrival order) came compressed (its RSV1 bit set). */
  public boolean nextWasCompressed(Duration timeout) throws InterruptedException {
    Boolean b = compressedIn.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (b == null) {
      throw new AssertionError("no text frame within " + timeout);
    }
    return b;
  }

  /** The {@code Sec-WebSocket-Extensions} the server accepted. */
  public String negotiatedExtensions() {
    return extensions.join();
  }

  /** Bytes received on the TCP socket so far (compressed, framed). */
  public long wireBytesIn() {
    return wireBytesIn.get();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
