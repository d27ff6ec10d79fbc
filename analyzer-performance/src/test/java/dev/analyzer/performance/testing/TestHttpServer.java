package dev.analyzer.performance.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 server on one event-loop thread for the tests: {@code /status/N} answers N,
 * {@code /chunked} answers a chunked body, {@code /openapi.json} and {@code /swagger.json} the documents set with
 * {@link #withOpenApi} and {@link #withSwagger}, anything else 200 with a 1 KiB body. {@link #freezing} makes the whole
 * server (accept and every connection: it has one thread) stop for {@code freeze} every
 * {@code period}, the shape of a stop-the-world pause. Counts requests per path. Thread-safe.
 */
public final class TestHttpServer implements AutoCloseable {

  private static final byte[] BODY = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;
  private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();
  private final AtomicLong freezes = new AtomicLong();
  private volatile String openApi;
  private volatile String swagger;

  private TestHttpServer() throws InterruptedException {
    channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  public static TestHttpServer start() throws InterruptedException {
    return new TestHttpServer();
  }

  /** Freezes the whole server for {@code freezeMillis} every {@code periodMillis}, the first after one period. */
  public TestHttpServer freezing(long freezeMillis, long periodMillis) {
    group.next().scheduleAtFixedRate(() -> {
      freezes.incrementAndGet();
      try {
        Thread.sleep(freezeMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  public TestHttpServer withOpenApi(String json) {
    this.openApi = json;
    return this;
  }

  /** Serves {@code json} at {@code /swagger.json} (404 there otherwise). */
  public TestHttpServer withSwagger(String json) {
    this.swagger = json;
    return this;
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public long hits(String path) {
    AtomicLong n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  public long totalHits() {
    return hits.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long freezes() {
    return freezes.get();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      String path = req.uri();
      hits.computeIfAbsent(path, k -> new AtomicLong()).incrementAndGet();
      FullHttpResponse resp;
      if (path.startsWith("/status/")) {
        resp = response(req, HttpResponseStatus.valueOf(Integer.parseInt(path.substring(8))), Unpooled.EMPTY_BUFFER);
      } else if (path.equals("/openapi.json") && openApi != null) {
        resp = response(req, HttpResponseStatus.OK, Unpooled.copiedBuffer(openApi, StandardCharsets.UTF_8));
      } else if (path.equals("/swagger.json") && swagger != null) {
        resp = response(req, HttpResponseStatus.OK, Unpooled.copiedBuffer(swagger, StandardCharsets.UTF_8));
      } else if (path.equals("/openapi.json") || path.equals("/swagger.json")) {
        resp = response(req, HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
      } else if (path.equals("/chunked")) {
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)));
        DefaultLastHttpContent last = new DefaultLastHttpContent(Unpooled.copiedBuffer(" world",
            StandardCharsets.US_ASCII));
        last.trailingHeaders().set("X-Trailer", "1");
        ctx.writeAndFlush(last);
        return;
      } else {
        resp = response(req, HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY));
      }
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      HttpUtil.setKeepAlive(resp, keepAlive);
      var f = ctx.writeAndFlush(resp);
      if (!keepAlive) {
        f.addListener(x -> ctx.close());
      }
    }

    private FullHttpResponse response(FullHttpRequest req, HttpResponseStatus status, ByteBuf body) {
      // the request's version, so an HTTP/1.0 keep-alive client (ab -k) gets Connection: keep-alive
      FullHttpResponse r = new DefaultFullHttpResponse(req.protocolVersion(), status, body);
      r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      return r;
    }
  }
}
