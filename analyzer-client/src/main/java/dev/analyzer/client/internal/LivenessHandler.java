package dev.analyzer.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Liveness of a connection that carries an analysis (ANALYZER_CLIENT_PING_INTERVAL): after one
 * interval without a single inbound byte it sends a WebSocket ping; after a second silent interval
 * (no pong, no frame) it drops the TCP connection, so a peer that stopped reading without closing
 * is noticed within two intervals instead of at the analysis deadline. Any inbound frame counts
 * as a sign of life, the pong as much as a progress update. Sits first in the pipeline, so it sees
 * raw reads (a large frame still arriving keeps the connection alive).
 *
 * <p>Netty's {@link IdleStateHandler} keeps the time; this class only decides. Confined to the
 * channel's event loop, like every handler.
 */
final class LivenessHandler extends IdleStateHandler {

  static final String NAME = "liveness";

  private final Duration interval;
  private final Consumer<String> onDead;

  /** @param onDead told why, right before the channel is closed */
  LivenessHandler(Duration interval, Consumer<String> onDead) {
    super(interval.toNanos(), 0, 0, TimeUnit.NANOSECONDS);
    this.interval = interval;
    this.onDead = onDead;
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    if (evt.state() != IdleState.READER_IDLE) {
      return;
    }
    if (evt.isFirst()) {
      ctx.channel().writeAndFlush(new PingWebSocketFrame());
      return;
    }
    onDead.accept("no pong or other frame within " + interval.toMillis() / 1000.0
        + " s of a ping (ANALYZER_CLIENT_PING_INTERVAL)");
    ctx.channel().close();
  }
}
