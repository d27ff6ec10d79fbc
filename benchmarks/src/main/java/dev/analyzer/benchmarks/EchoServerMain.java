package dev.analyzer.benchmarks;

import dev.analyzer.service.internal.DeflateExtension;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The raw-Netty baseline: a WebSocket server that echoes every text frame, with the same transport,
 * compression (the services' {@link DeflateExtension}, configured from the same environment
 * variables) and frame limits as the analyzer services but no protocol (no JSON decoding).
 * Usage: {@code java -cp benchmarks.jar dev.analyzer.benchmarks.EchoServerMain PORT}.
 */
public final class EchoServerMain {

  private EchoServerMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Channel ch = new ServerBootstrap().group(group).channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                DeflateExtension.serverHandler(Targets.COMPRESSION, 100 * 1024 * 1024),
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder().websocketPath("/")
                    .checkStartsWith(true).allowExtensions(true).maxFramePayloadLength(100 * 1024 * 1024).build()),
                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                    ctx.writeAndFlush(new TextWebSocketFrame(f.content().retain()));
                  }
                });
          }
        }).bind("127.0.0.1", port).sync().channel();
    System.out.println("READY ws://127.0.0.1:" + port + "/");
    ch.closeFuture().sync();
  }
}
