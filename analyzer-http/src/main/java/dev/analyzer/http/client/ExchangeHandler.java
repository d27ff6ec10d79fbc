package dev.analyzer.http.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The last handler of a client connection: writes one {@link Exchange}'s request, gathers its
 * response (body copied out of the pooled buffers up to the cap, every buffer released here),
 * enforces the read timeout, and gives the connection back to its pool when the response allows
 * keep-alive. At most one exchange at a time (no pipelining). When a reused connection closes before
 * any byte of the answer, the exchange is marked {@link Exchange#staleConnection} so the session may
 * retry it once. Confined to the channel's event loop.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {

  /** Past the cap, how much more body is read (and dropped) to keep the connection; then it is closed. */
  static final long MAX_DRAIN_BYTES = 1024 * 1024;

  private final ConnectionPool pool;
  private final long readTimeoutNanos;
  private Channel channel;
  private Exchange current;
  private int served;
  private boolean reused;
  private io.netty.handler.codec.http.HttpResponse head;
  private byte[] body;
  private int kept;
  private long total;
  private long lastRead;
  private ScheduledFuture<?> readTimer;

  ExchangeHandler(ConnectionPool pool, long readTimeoutNanos) {
    this.pool = pool;
    this.readTimeoutNanos = readTimeoutNanos;
  }

  /** Starts {@code ex} on {@code ch}; call from any thread, it hops to the event loop. */
  void start(Channel ch, Exchange ex) {
    if (!ch.eventLoop().inEventLoop()) {
      ch.eventLoop().execute(() -> start(ch, ex));
      return;
    }
    if (ex.future.isDone()) {
      pool.release(ch);
      return;
    }
    if (current != null || !ch.isActive()) {
      ex.staleConnection = current == null && served > 0;
      ex.future.completeExceptionally(new HttpFailure(HttpFailure.Kind.CONNECTION_CLOSED,
          "connection to " + ex.request.target() + " closed before the request was sent"));
      ch.close();
      return;
    }
    channel = ch;
    current = ex;
    reused = served++ > 0;
    head = null;
    body = new byte[Math.min(ex.request.maxBodyBytes(), 8192)];
    kept = 0;
    total = 0;
    lastRead = System.nanoTime();
    readTimer = ch.eventLoop().schedule(this::checkRead, readTimeoutNanos, TimeUnit.NANOSECONDS);
    ch.writeAndFlush(toNetty(ex)).addListener(f -> {
      if (!f.isSuccess()) {
        fail(ex, new HttpFailure(HttpFailure.Kind.CONNECTION_CLOSED, "sending to " + ex.request.target()
            + " failed: " + f.cause(), f.cause()));
      }
    });
    ex.future.whenComplete((r, e) -> {
      if (e != null) {
        ch.eventLoop().execute(() -> {
          if (current == ex) {
            fail(ex, e);
          }
        });
      }
    });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      Exchange ex = current;
      if (ex == null) {
        ctx.close(); // a response nobody asked for: the connection is out of step
        return;
      }
      lastRead = System.nanoTime();
      if (msg instanceof io.netty.handler.codec.http.HttpResponse) {
        io.netty.handler.codec.http.HttpResponse r = (io.netty.handler.codec.http.HttpResponse) msg;
        if (r.decoderResult().isFailure()) {
          fail(ex, new HttpFailure(HttpFailure.Kind.PROTOCOL, "bad HTTP response from " + ex.uri + ": "
              + r.decoderResult().cause(), r.decoderResult().cause()));
          return;
        }
        if (r.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
          return;
        }
        head = r;
      }
      if (msg instanceof HttpContent && head != null) {
        content(ex, ((HttpContent) msg).content());
        if (current == ex && msg instanceof LastHttpContent) {
          finish(ex, HttpUtil.isKeepAlive(head));
        } else if (current == ex && total - ex.request.maxBodyBytes() > MAX_DRAIN_BYTES) {
          finish(ex, false);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void content(Exchange ex, ByteBuf buf) {
    int n = buf.readableBytes();
    total += n;
    ex.budget.recordBytes(n);
    int cap = ex.request.maxBodyBytes();
    if (total > cap && ex.request.failOnLargeBody()) {
      fail(ex, new HttpFailure(HttpFailure.Kind.BODY_TOO_LARGE, "response body of " + ex.uri
          + " passed its cap of " + cap + " bytes"));
      return;
    }
    int take = Math.min(n, cap - kept);
    if (take > 0) {
      if (kept + take > body.length) {
        body = java.util.Arrays.copyOf(body, (int) Math.min(cap, Math.max(kept + take, 2L * body.length)));
      }
      buf.getBytes(buf.readerIndex(), body, kept, take);
      kept += take;
    }
  }

  private void finish(Exchange ex, boolean keepAlive) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    head.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
        k -> new ArrayList<>()).add(h.getValue()));
    headers.replaceAll((k, v) -> List.copyOf(v));
    HttpResponse response = new HttpResponse(ex.uri, head.status().code(), head.status().reasonPhrase(), headers,
        java.util.Arrays.copyOf(body, kept), total, total > kept, ex.redirects);
    end();
    if (keepAlive) {
      pool.release(channel);
    } else {
      channel.close();
    }
    ex.future.complete(response);
  }

  private void fail(Exchange ex, Throwable cause) {
    if (current != ex) {
      return;
    }
    end();
    channel.close();
    ex.future.completeExceptionally(cause);
  }

  private void end() {
    current = null;
    head = null;
    body = null;
    if (readTimer != null) {
      readTimer.cancel(false);
      readTimer = null;
    }
  }

  private void checkRead() {
    Exchange ex = current;
    if (ex == null) {
      return;
    }
    long left = readTimeoutNanos - (System.nanoTime() - lastRead);
    if (left > 0) {
      readTimer = channel.eventLoop().schedule(this::checkRead, left, TimeUnit.NANOSECONDS);
    } else {
      fail(ex, new HttpFailure(HttpFailure.Kind.READ_TIMEOUT, ex.uri + " sent nothing for "
          + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms"));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange ex = current;
    if (ex != null) {
      // a kept-alive connection the server closed before answering (its idle timer won the race)
      ex.staleConnection = reused && head == null && total == 0;
      fail(ex, new HttpFailure(HttpFailure.Kind.CONNECTION_CLOSED, ex.uri + " closed the connection before "
          + "the response was complete"));
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange ex = current;
    if (ex == null) {
      ctx.close();
      return;
    }
    boolean tls = cause instanceof SSLException || cause.getCause() instanceof SSLException;
    fail(ex, tls ? new HttpFailure(HttpFailure.Kind.TLS, "TLS error with " + ex.uri + ": " + cause.getMessage(), cause)
        : cause instanceof DecoderException
            ? new HttpFailure(HttpFailure.Kind.PROTOCOL, "bad HTTP response from " + ex.uri + ": " + cause, cause)
            : new HttpFailure(HttpFailure.Kind.CONNECTION_CLOSED, "connection to " + ex.uri + " failed: " + cause,
                cause));
  }

  private static FullHttpRequest toNetty(Exchange ex) {
    HttpRequest r = ex.request;
    byte[] b = r.bodyUnsafe();
    ByteBuf content = b.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(b);
    String uri = r.requestUri();
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(r.method()), uri,
        content);
    req.headers().set(HttpHeaderNames.HOST, r.target().target().hostHeader());
    req.headers().set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.GZIP_DEFLATE);
    for (Map.Entry<String, String> h : r.headers()) {
      req.headers().add(h.getKey(), h.getValue());
    }
    if (ex.cookieHeader != null) {
      req.headers().add(HttpHeaderNames.COOKIE, ex.cookieHeader);
    }
    if (b.length > 0 || !(r.method().equals("GET") || r.method().equals("HEAD"))) {
      HttpUtil.setContentLength(req, b.length);
    }
    return req;
  }
}
