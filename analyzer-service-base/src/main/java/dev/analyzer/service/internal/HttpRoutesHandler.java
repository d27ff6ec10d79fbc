package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.HealthResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-HTTP side of the port: {@code GET /health} (200 while serving, 503 while draining),
 * {@code GET /ready} (200 when the service should get work; 503 while draining or while a required
 * tool or a condition of the service is missing, the body naming each problem) and
 * {@code GET /metrics} (Prometheus text). WebSocket upgrade requests pass on to the handshake
 * after three checks, before any upgrade: an {@code Origin} header must be one of
 * {@code ANALYZER_ALLOWED_ORIGINS} (403 otherwise; a handshake without Origin, which is what
 * non-browser clients send, passes), the bearer token must match when one is configured (401),
 * and a connection slot must be free (503, {@code ANALYZER_MAX_CONNECTIONS_PER_SERVICE}; the slot
 * is released when the channel closes). Anything else is 404. One instance per channel.
 */
final class HttpRoutesHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private final ServiceRuntime runtime;
  private final OriginPolicy originPolicy;
  private boolean holdsSlot;

  HttpRoutesHandler(ServiceRuntime runtime) {
    super(false);
    this.runtime = runtime;
    this.originPolicy = new OriginPolicy(runtime.settings());
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    try {
      if (!req.decoderResult().isSuccess()) {
        respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=UTF-8", "malformed HTTP request\n");
        return;
      }
      if (isWebSocketUpgrade(req)) {
        if (!originPolicy.allows(origin(req), req.headers().get(HttpHeaderNames.HOST), localPort(ctx))) {
          runtime.metrics().error(ErrorCode.UNAUTHORIZED);
          refuse(ctx, HttpResponseStatus.FORBIDDEN, "origin not allowed: set ANALYZER_ALLOWED_ORIGINS to let a "
              + "browser page connect\n");
          return;
        }
        if (!authorized(req)) {
          runtime.metrics().error(ErrorCode.UNAUTHORIZED);
          FullHttpResponse res = response(HttpResponseStatus.UNAUTHORIZED, "text/plain; charset=UTF-8",
              "missing or wrong bearer token: send 'Authorization: Bearer <ANALYZER_AUTH_TOKEN>'\n");
          res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
          ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
          return;
        }
        if (!"13".equals(req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))
            || !req.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
          // Netty would answer 426 and keep the connection as keep-alive HTTP, holding a slot taken
          // below; refuse here, without a slot, and close.
          FullHttpResponse res = response(HttpResponseStatus.UPGRADE_REQUIRED, "text/plain; charset=UTF-8",
              "WebSocket version 13 with a Sec-WebSocket-Key is required\n");
          res.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
          HttpUtil.setKeepAlive(res, false);
          ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
          return;
        }
        if (!holdsSlot) {
          if (!runtime.connectionSlots().tryAcquire()) {
            runtime.metrics().error(ErrorCode.BUSY);
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "too many connections: this service is at its limit of "
                + runtime.connectionSlots().max() + " (ANALYZER_MAX_CONNECTIONS_PER_SERVICE); retry later\n");
            return;
          }
          holdsSlot = true;
          ctx.channel().closeFuture().addListener(f -> runtime.connectionSlots().release());
        }
        ctx.fireChannelRead(req.retain());
        return;
      }
      String path = new QueryStringDecoder(req.uri()).path();
      boolean read = req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD;
      if (path.equals("/health") && read) {
        HealthResponse health = runtime.health(null);
        HttpResponseStatus status = health.isHealthy() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
        respond(ctx, req, status, "application/json", runtime.codec().encode(health));
      } else if (path.equals("/ready") && read) {
        List<String> problems = runtime.readinessProblems();
        respond(ctx, req, problems.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
            "application/json", readiness(problems));
      } else if (path.equals("/metrics") && read) {
        respond(ctx, req, HttpResponseStatus.OK, runtime.metrics().contentType(), runtime.metrics().scrape());
      } else if (path.equals("/health") || path.equals("/ready") || path.equals("/metrics")) {
        respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=UTF-8", "use GET\n");
      } else {
        respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain; charset=UTF-8",
            "not found: this port serves WebSocket analyses, GET /health, GET /ready and GET /metrics\n");
      }
    } finally {
      req.release();
    }
  }

  /** {@code {"status":"ready"|"not_ready","service":...,"problems":[...]}}. */
  private String readiness(List<String> problems) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", problems.isEmpty() ? "ready" : "not_ready");
    body.put("service", runtime.service().name());
    body.put("draining", runtime.isDraining());
    body.put("problems", problems);
    try {
      return runtime.codec().mapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the readiness report", e);
    }
  }

  private boolean authorized(FullHttpRequest req) {
    String token = runtime.settings().authToken();
    if (token == null) {
      return true;
    }
    String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return TokenCheck.matches(header.substring(7).trim(), token);
  }

  /** The Origin of a browser handshake (Sec-WebSocket-Origin in the pre-13 drafts), or null. */
  private static String origin(FullHttpRequest req) {
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    return origin != null ? origin : req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_ORIGIN);
  }

  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
    FullHttpResponse res = response(status, "text/plain; charset=UTF-8", body);
    HttpUtil.setKeepAlive(res, false);
    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
  }

  private static boolean isWebSocketUpgrade(FullHttpRequest req) {
    return req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        && req.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  private static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
    FullHttpResponse res = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpUtil.setContentLength(res, res.content().readableBytes());
    return res;
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
      String contentType, String body) {
    FullHttpResponse res = response(status, contentType, body);
    if (req.method() == HttpMethod.HEAD) {
      res.content().clear();
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    HttpUtil.setKeepAlive(res, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(res);
    } else {
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static int localPort(ChannelHandlerContext ctx) {
    return ctx.channel().localAddress() instanceof java.net.InetSocketAddress a ? a.getPort() : -1;
  }
}
