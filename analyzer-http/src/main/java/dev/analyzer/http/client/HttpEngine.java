package dev.analyzer.http.client;

import dev.analyzer.http.target.ResolvedTarget;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One asynchronous HTTP/1.1 client for the network analyzers. It owns one event-loop group (epoll
 * when available, NIO otherwise) and hands out {@link HttpSession}s, one per analysis, each with
 * its own keep-alive pools, budget and cookies. No thread per request: every exchange runs on the
 * event loop, bodies are copied out of pooled buffers that are released at once.
 *
 * <p>Quick use:
 * <pre>{@code
 * try (HttpEngine engine = HttpEngine.builder().withTargetPolicy(policy).build();
 *      HttpSession session = engine.openSession(RequestBudget.builder().withMaxRequests(100).build(), true)) {
 *   HttpResponse r = session.send(HttpRequest.get(policy.check(Target.parse(url)), "/health")).join();
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes every session and shuts the event loops down.
 */
public final class HttpEngine implements AutoCloseable {

  private final HttpEngineConfig config;
  private final EventLoopGroup group;
  private final Class<? extends Channel> channelType;
  private final SslContext verifyingTls;
  private final SslContext loopbackTls;
  private final HttpSession shared;
  private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();

  private HttpEngine(HttpEngineConfig config) {
    this.config = config;
    boolean epoll = config.preferEpoll() && Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), io);
    this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    try {
      this.verifyingTls = SslContextBuilder.forClient().build();
      this.loopbackTls = config.selfSignedOnLoopback()
          ? SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
              .endpointIdentificationAlgorithm(null).build()
          : verifyingTls;
    } catch (SSLException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
    this.shared = new HttpSession(this, RequestBudget.unlimited(), false);
  }

  public static HttpEngineConfig.Builder builder() {
    return new HttpEngineConfig.Builder();
  }

  static HttpEngine start(HttpEngineConfig config) {
    return new HttpEngine(config);
  }

  /** The configuration this engine runs with. */
  public HttpEngineConfig config() {
    return config;
  }

  /** {@code epoll} or {@code nio}. */
  public String transport() {
    return channelType == EpollSocketChannel.class ? "epoll" : "nio";
  }

  /**
   * A new session for one analysis.
   *
   * @param budget what the analysis may spend
   * @param cookies true to keep a cookie jar for the session
   */
  public HttpSession openSession(RequestBudget budget, boolean cookies) {
    HttpSession s = new HttpSession(this, java.util.Objects.requireNonNull(budget, "budget"), cookies);
    sessions.add(s);
    if (group.isShuttingDown()) {
      s.close();
    }
    return s;
  }

  /**
   * Sends {@code request} on the engine's shared pools (no cookies), drawing on {@code budget}.
   * Prefer a {@link HttpSession} per analysis so that cancelling it closes its connections.
   */
  public CompletableFuture<HttpResponse> send(HttpRequest request, RequestBudget budget) {
    return shared.send(request, budget);
  }

  EventLoopGroup group() {
    return group;
  }

  void forget(HttpSession s) {
    sessions.remove(s);
  }

  ConnectionPool newPool(ResolvedTarget target) {
    ConnectionPool[] pool = new ConnectionPool[1];
    SslContext tls = tlsFor(target);
    Bootstrap b = new Bootstrap().group(group).channel(channelType)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc(), target.target().host(), target.target().port()));
            }
            ch.pipeline().addLast(new HttpClientCodec(), new HttpContentDecompressor(false, 0),
                new ExchangeHandler(pool[0], config.readTimeout().toNanos()));
          }
        });
    pool[0] = new ConnectionPool(target, b, config.maxConnectionsPerTarget(), config.idleTimeout().toNanos());
    return pool[0];
  }

  /** The TLS context for {@code target}: {@code null} for http; the trusting one only for all-loopback targets. */
  SslContext tlsFor(ResolvedTarget target) {
    return !target.target().secure() ? null : target.loopback() ? loopbackTls : verifyingTls;
  }

  /** True when connections to {@code target} accept any certificate. */
  boolean trustsAnyCertificate(ResolvedTarget target) {
    SslContext c = tlsFor(target);
    return c != null && c != verifyingTls;
  }

  /** Closes every session (failing what is in flight) and shuts the event loops down; idempotent. */
  @Override
  public void close() {
    shared.close();
    for (HttpSession s : sessions.toArray(new HttpSession[0])) {
      s.close();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
