package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.settings.ConnectionSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ping or health check to a peer that completes the WebSocket handshake but never answers ends
 * at ANALYZER_CONNECTION_TIMEOUT with a {@code timeout} reply, and its deadline is gone afterwards.
 */
class PingDeadlineTest {

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private Channel silent;

  @BeforeEach
  void startSilentPeer() {
    silent = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler("/"), new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                    // reads every frame, answers none
                  }
                });
          }
        }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
  }

  @AfterEach
  void stop() {
    silent.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void anUnansweredPingEndsAtTheConnectionTimeout() throws Exception {
    String url = "ws://127.0.0.1:" + ((InetSocketAddress) silent.localAddress()).getPort();
    ConnectionSettings c = new ConnectionSettings(5, Duration.ofMillis(300), Duration.ofSeconds(60), 5,
        Duration.ofSeconds(60), 3);
    try (AnalyzerClient client = Services.client(c, url).build()) {
      int before = client.stats().armedTimers();
      long t0 = System.nanoTime();

      Message ping = client.ping(AnalysisKind.STATIC).get(5, TimeUnit.SECONDS);
      Message health = client.health(AnalysisKind.STATIC).get(5, TimeUnit.SECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

      assertThat(ClientFailure.of(ping)).contains(ClientFailure.TIMEOUT);
      assertThat(ping.extra().get("error").toString()).contains("no reply from " + url).contains("within 300 ms");
      assertThat(ClientFailure.of(health)).contains(ClientFailure.TIMEOUT);
      assertThat(millis).as("two exchanges of 300 ms each").isBetween(550L, 3000L);
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
          assertThat(client.stats().armedTimers()).isLessThanOrEqualTo(before));
    }
  }
}
