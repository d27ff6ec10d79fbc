package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.service.CancellationReason;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * The replies of an analysis that came on a WebSocket: progress while the connection is writable,
 * then the terminal frame followed by close 1000 "Analysis complete". Thread-safe.
 */
final class WebSocketReplies implements AnalysisReplies {

  private final ServiceRuntime runtime;
  private final Channel channel;

  WebSocketReplies(ServiceRuntime runtime, Channel channel) {
    this.runtime = runtime;
    this.channel = channel;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public void progress(ProgressUpdate update) {
    if (channel.isActive() && channel.isWritable()) {
      runtime.send(channel, update);
    }
  }

  @Override
  public void result(AnalysisResult result, CancellationReason cancelledBy) {
    if (channel.isActive()) {
      closeAfter(runtime.send(channel, result));
    }
  }

  @Override
  public void refuse(ErrorCode code, String message, String correlationId) {
    if (channel.isActive()) {
      closeAfter(runtime.sendError(channel, code, message, correlationId));
    }
  }

  private void closeAfter(ChannelFuture written) {
    written.addListener(f -> {
      if (channel.isActive()) {
        channel.writeAndFlush(new CloseWebSocketFrame(1000, RunningAnalysis.CLOSE_REASON))
            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      }
    });
  }
}
