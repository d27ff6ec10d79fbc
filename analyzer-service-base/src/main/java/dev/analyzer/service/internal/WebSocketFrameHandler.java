package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.CancelRequest;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.HealthCheck;
import dev.analyzer.core.protocol.ServerStatus;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.MessageType;
import dev.analyzer.core.protocol.Ping;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.protocol.ProtocolException;
import dev.analyzer.service.CancellationReason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol on one WebSocket connection: answers ping and health_check, starts analyses, routes
 * cancel_request, and answers bad input with an {@code error} frame while keeping the connection
 * open. After the terminal reply of an analysis the connection is closed with 1000 (by
 * {@link RunningAnalysis}). A client that disconnects cancels its analysis. One instance per channel.
 */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrameHandler.class);
  private static final int SILENT_INTERVALS_BEFORE_CLOSE = 3;

  private final ServiceRuntime runtime;
  private boolean upgraded;
  private int silentIntervals;

  WebSocketFrameHandler(ServiceRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      upgraded = true;
      runtime.channels().add(ctx.channel());
      runtime.metrics().connectionOpened();
    } else if (evt instanceof IdleStateEvent) {
      onIdle(ctx, (IdleStateEvent) evt);
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  private void onIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    if (!upgraded) {
      ctx.close();
      return;
    }
    silentIntervals = evt.isFirst() ? 1 : silentIntervals + 1;
    if (silentIntervals >= SILENT_INTERVALS_BEFORE_CLOSE) {
      LOG.info("closing connection {}: no frames for {} ping intervals", ctx.channel().remoteAddress(),
          SILENT_INTERVALS_BEFORE_CLOSE);
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "peer stopped answering pings"))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(new PingWebSocketFrame());
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    runtime.metrics().frameReceived();
    if (frame instanceof TextWebSocketFrame) {
      onText(ctx.channel(), frame.content());
    } else if (frame instanceof BinaryWebSocketFrame) {
      runtime.sendError(ctx.channel(), ErrorCode.INVALID_JSON,
          "binary frames are not supported: send each message as one JSON text frame", null);
    }
  }

  private void onText(Channel channel, ByteBuf utf8) {
    Message message;
    try {
      message = runtime.decode(utf8);
    } catch (ProtocolException e) {
      runtime.send(channel, ErrorMessage.from(e, runtime.service().name(), runtime.clock().instant()));
      return;
    }
    if (message instanceof Ping) {
      runtime.send(channel, Pong.replyTo((Ping) message, runtime.service().name(), runtime.clock().instant()));
    } else if (message instanceof HealthCheck) {
      runtime.send(channel, runtime.health(((HealthCheck) message).id()));
    } else if (message instanceof ServerStatus) {
      onServerStatus(channel, (ServerStatus) message);
    } else if (message instanceof CancelRequest) {
      String id = ((CancelRequest) message).id();
      if (!runtime.registry().cancel(id, CancellationReason.CANCEL_REQUEST)) {
        runtime.sendError(channel, ErrorCode.NOT_FOUND,
            "no analysis with id " + id + " is running on " + runtime.service().name(), id);
      }
    } else if (message instanceof AnalysisRequest) {
      onAnalysisRequest(channel, (AnalysisRequest) message);
    } else {
      runtime.sendError(channel, ErrorCode.UNKNOWN_TYPE, message.type().wire() + " is not a request; "
          + runtime.service().name() + " accepts ping, health_check, cancel_request and " + servedTypes(), null);
    }
  }

  private void onServerStatus(Channel channel, ServerStatus request) {
    Optional<Map<String, Object>> body;
    try {
      body = runtime.service().serverStatusReply();
    } catch (RuntimeException e) {
      runtime.sendError(channel, ErrorCode.INTERNAL, "server_status failed: " + e.getMessage(), request.id());
      return;
    }
    if (body.isEmpty()) {
      runtime.sendError(channel, ErrorCode.UNKNOWN_TYPE, runtime.service().name() + " does not serve server_status;"
          + " it accepts ping, health_check, cancel_request and " + servedTypes(), request.id());
      return;
    }
    runtime.send(channel, ServerStatus.replyTo(request, runtime.clock().instant(), body.get()));
  }

  private void onAnalysisRequest(Channel channel, AnalysisRequest request) {
    if (!serves(request)) {
      runtime.sendError(channel, ErrorCode.UNKNOWN_TYPE, runtime.service().name() + " does not handle "
          + describe(request) + "; it handles " + servedTypes(), request.id());
      return;
    }
    if (runtime.registry().hasActiveAnalysis(channel)) {
      runtime.sendError(channel, ErrorCode.BUSY, "this connection already runs an analysis; "
          + "open one connection per analysis", request.id());
      return;
    }
    if (runtime.isDraining()) {
      refuse(channel, ErrorCode.BUSY, runtime.service().name() + " is shutting down; send the analysis to "
          + "another replica", request.id());
      return;
    }
    // source_path is checked on the analysis thread (RunningAnalysis): it touches the file system.
    switch (runtime.registry().start(request, channel)) {
      case BUSY:
        refuse(channel, ErrorCode.BUSY, runtime.service().name() + " is at its limit of "
            + runtime.settings().maxConcurrentAnalyses() + " concurrent analyses and "
            + runtime.settings().maxQueuedAnalyses() + " queued; retry later or use another replica",
            request.id());
        break;
      case DUPLICATE_ID:
        refuse(channel, ErrorCode.INVALID_REQUEST, "an analysis with id " + request.id() + " is already running",
            request.id());
        break;
      default:
        break;
    }
  }

  /** The terminal reply to a terminal request that never started: error, then close 1000. */
  private void refuse(Channel channel, ErrorCode code, String message, String correlationId) {
    runtime.sendError(channel, code, message, correlationId).addListener(f -> {
      if (channel.isActive()) {
        channel.writeAndFlush(new CloseWebSocketFrame(1000, RunningAnalysis.CLOSE_REASON));
      }
    });
  }

  private boolean serves(AnalysisRequest request) {
    return runtime.service().requestTypes().contains(request.type()) && request.kind() == runtime.service().kind();
  }

  private String servedTypes() {
    return runtime.service().requestTypes().stream().map(MessageType::wire).sorted()
        .map(t -> t.equals("analysis_request") ? "analysis_request (analysis_type " + runtime.service().kind() + ")" : t)
        .collect(Collectors.joining(", "));
  }

  private static String describe(AnalysisRequest request) {
    return request.type() == MessageType.ANALYSIS_REQUEST
        ? "analysis_request with analysis_type " + request.analysisType() : request.type().wire();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (upgraded) {
      runtime.metrics().connectionClosed();
      runtime.registry().cancelChannel(ctx.channel(), CancellationReason.CLIENT_DISCONNECTED);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof DecompressionException) {
      // DecompressionException: a compressed frame inflated past the cap (a deflate bomb).
      LOG.info("closing connection {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
          "message larger than " + runtime.settings().inboundMessageLimit() + " bytes"))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
