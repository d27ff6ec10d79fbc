package dev.analyzer.it;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.internal.ServerInitializer;
import dev.analyzer.service.internal.ServiceRuntime;
import dev.analyzer.service.metrics.PrometheusServiceMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The service's real connection pipeline ({@link ServerInitializer}: HTTP routes, permessage-deflate,
 * handshake, frame limits, UTF-8 validation, close handling, fragment aggregation) with an echo
 * handler as its application stage, as Autobahn|Testsuite requires. Binds 127.0.0.1 on a free port.
 * Not thread-safe to start twice; {@link #close()} stops it.
 */
final class ConformanceEchoServer implements AutoCloseable {

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;

  ConformanceEchoServer() {
    ServiceSettings settings = ServiceSettings.defaults(0);
    ServiceRuntime runtime = new ServiceRuntime(new NoAnalyses(), settings,
        ProtocolCodec.withLimits(ProtocolCodec.DEFAULT_MAX_NESTING_DEPTH, settings.maxFrameBytes()),
        Clock.systemUTC(), new PrometheusServiceMetrics(() -> 0), new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ServerInitializer(runtime, Echo::new))
        .bind("127.0.0.1", 0).syncUninterruptibly().channel();
  }

  int port() {
    return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Echoes whole text and binary messages; control frames are the transport's business. */
  private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
        ctx.writeAndFlush(frame.retainedDuplicate());
      }
    }
  }

  /** The runtime needs a service for /health; this one never analyses anything. */
  private static final class NoAnalyses implements AnalyzerService {
    @Override
    public String name() {
      return "conformance-echo";
    }

    @Override
    public String version() {
      return "0";
    }

    @Override
    public AnalysisKind kind() {
      return AnalysisKind.STATIC;
    }

    @Override
    public AnalysisOutcome analyze(AnalysisContext context) {
      throw new UnsupportedOperationException("the conformance server only echoes");
    }
  }
}
