package dev.analyzer.service.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that is still plain HTTP (not upgraded to WebSocket) when no complete request
 * has arrived within the deadline of its accept or of its previous request. A peer that sends half a
 * request, or one byte of it every few seconds, can no longer hold a socket (and a file descriptor)
 * for as long as it likes; an idle keep-alive HTTP connection closes too. Once the upgrade has
 * replaced the HTTP codec, WebSocket liveness ({@code ANALYZER_PING_INTERVAL}) takes over.
 *
 * <p>One instance per channel; all methods run on its event loop.
 */
final class RequestDeadlineHandler extends ChannelInboundHandlerAdapter {

  private final long deadlineMillis;
  private ScheduledFuture<?> timer;

  RequestDeadlineHandler(long deadlineMillis) {
    this.deadlineMillis = deadlineMillis;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    arm(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest) {
      arm(ctx);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  private void arm(ChannelHandlerContext ctx) {
    cancel();
    timer = ctx.executor().schedule(() -> {
      if (ctx.pipeline().get(HttpServerCodec.class) != null && ctx.channel().isActive()) {
        ctx.close();
      }
    }, deadlineMillis, TimeUnit.MILLISECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
