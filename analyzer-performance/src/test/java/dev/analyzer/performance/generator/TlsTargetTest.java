package dev.analyzer.performance.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An https loopback target with a self-signed certificate is loaded like an http one. */
class TlsTargetTest {

  @Test
  void aSelfSignedLoopbackTargetIsLoaded() throws Exception {
    SelfSignedCertificate cert;
    try {
      cert = new SelfSignedCertificate("localhost");
    } catch (Exception | LinkageError e) {
      assumeTrue(false, "no self-signed certificate generator on this JVM: " + e);
      return;
    }
    SslContext tls = SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).build();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
              c.pipeline().addLast(tls.newHandler(c.alloc()), new HttpServerCodec(), new HttpObjectAggregator(65536),
                  new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                      var r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                          Unpooled.copiedBuffer(new byte[100]));
                      HttpUtil.setContentLength(r, 100);
                      ctx.writeAndFlush(r);
                    }
                  });
            }
          }).bind("127.0.0.1", 0).sync().channel();
      int port = ((InetSocketAddress) ch.localAddress()).getPort();
      ResolvedTarget t = TargetPolicy.loopbackOnly().check(Target.parse("https://127.0.0.1:" + port));

      LoadResult r = LoadGenerator.run(t, LoadPlan.closed(2, Duration.ofMillis(800)).withWarmup(Duration.ZERO).build());

      assertThat(r.requests()).isPositive();
      assertThat(r.errors().total()).isZero();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      cert.delete();
    }
  }
}
