package dev.analyzer.performance.generator.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One keep-alive connection of a worker: sends a request, reads its answer with a
 * {@link ResponseParser} (body skipped, nothing copied) and hands the outcome to its
 * {@link Worker}. No pipelining: at most one request in flight. Marked sharable because the same
 * instance serves each channel that replaces a closed one, never two channels at once. Used on its
 * worker's event loop only.
 */
@ChannelHandler.Sharable
final class LoadConnection extends ChannelInboundHandlerAdapter {

  private final Worker worker;
  private final ResponseParser parser = new ResponseParser();
  private ChannelHandlerContext ctx;
  boolean busy;
  boolean closing;
  int scenario;
  long intendedNanos;
  long sentNanos;
  long responseBytes;
  long backoffNanos;

  LoadConnection(Worker worker) {
    this.worker = worker;
  }

  /** Writes the request of {@code scenario}; {@code intended} is its due time (the send time in the closed model). */
  void send(int scenario, long intended, long now) {
    this.scenario = scenario;
    this.intendedNanos = intended;
    this.sentNanos = now;
    this.responseBytes = 0;
    this.busy = true;
    RequestBytes r = worker.request(scenario);
    parser.reset(r.head());
    ctx.writeAndFlush(r.forWrite(), ctx.voidPromise());
  }

  Channel channel() {
    return ctx == null ? null : ctx.channel();
  }

  /** Closes the channel (a replacement is opened by the worker when it sees the close). */
  void close() {
    closing = true;
    if (ctx != null) {
      ctx.close();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.closing = false;
    this.busy = false;
    worker.connected(this);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      if (!busy) {
        if (!closing) {
          worker.unsolicited(this);
        }
        return;
      }
      responseBytes += buf.readableBytes();
      if (parser.feed(buf)) {
        busy = false;
        if (buf.isReadable()) {
          worker.failed(this, WorkerStats.READ);
          close();
          return;
        }
        closing |= parser.mustClose();
        worker.completed(this, parser.status(), System.nanoTime());
        if (closing) {
          ctx.close();
        }
      }
    } catch (ResponseParser.MalformedResponse e) {
      busy = false;
      worker.failed(this, WorkerStats.READ);
      close();
    } finally {
      buf.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (busy) {
      busy = false;
      if (parser.endsAtClose()) {
        worker.completed(this, parser.status(), System.nanoTime());
      } else {
        worker.failed(this, WorkerStats.READ);
      }
    }
    this.ctx = null;
    worker.lost(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (busy) {
      busy = false;
      worker.failed(this, WorkerStats.READ);
    }
    close();
  }
}
