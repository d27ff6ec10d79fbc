package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.metrics.ServiceMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every handler of one server shares: the service, its settings, codec, clock, metrics, the
 * analyses in flight, the detected tools and the draining flag. Thread-safe.
 */
public final class ServiceRuntime {

  private final AnalyzerService service;
  private final ServiceSettings settings;
  private final ProtocolCodec codec;
  private final Clock clock;
  private final ServiceMetrics metrics;
  private final SourceRoots sourceRoots;
  private final ChannelGroup channels;
  private final ConnectionSlots connectionSlots;
  private final Instant started;
  private volatile List<ToolInfo> tools = List.of();
  private volatile boolean draining;
  private volatile AnalysisRegistry registry;
  private volatile ProgressGateway gateway = ProgressGateway.off();
  private volatile QueueConsumer queue;

  public ServiceRuntime(AnalyzerService service, ServiceSettings settings, ProtocolCodec codec, Clock clock,
      ServiceMetrics metrics, ChannelGroup channels) {
    this.service = service;
    this.settings = settings;
    this.codec = codec;
    this.clock = clock;
    this.metrics = metrics;
    this.sourceRoots = new SourceRoots(settings.sourceRoots(), settings.pathMap());
    this.channels = channels;
    this.connectionSlots = new ConnectionSlots(settings.maxConnections());
    this.started = clock.instant();
  }

  void registry(AnalysisRegistry registry) {
    this.registry = registry;
  }

  public AnalysisRegistry registry() {
    return registry;
  }

  public AnalyzerService service() {
    return service;
  }

  public ServiceSettings settings() {
    return settings;
  }

  public ProtocolCodec codec() {
    return codec;
  }

  public Clock clock() {
    return clock;
  }

  public ServiceMetrics metrics() {
    return metrics;
  }

  public SourceRoots sourceRoots() {
    return sourceRoots;
  }

  public ChannelGroup channels() {
    return channels;
  }

  /** The open-connection bound ({@code ANALYZER_MAX_CONNECTIONS_PER_SERVICE}). */
  public ConnectionSlots connectionSlots() {
    return connectionSlots;
  }

  /** Sets the tools detected at start. */
  public void tools(List<ToolInfo> detected) {
    this.tools = List.copyOf(detected);
  }

  /** The tools detected at start. */
  public List<ToolInfo> tools() {
    return tools;
  }

  /** Where progress events also go ({@code GATEWAY_URL}); {@link ProgressGateway#off()} until started. */
  public ProgressGateway gateway() {
    return gateway;
  }

  /** Sets the gateway started with the server. */
  public void gateway(ProgressGateway started) {
    this.gateway = started;
  }

  /** Queue mode of this server, or null when it is off. */
  public QueueConsumer queue() {
    return queue;
  }

  /** Sets queue mode (once, before the server starts). */
  public void queue(QueueConsumer consumer) {
    this.queue = consumer;
  }

  public boolean isDraining() {
    return draining;
  }

  public void startDraining() {
    this.draining = true;
  }

  /** The health report, for {@code health_check} frames and {@code GET /health}. */
  public HealthResponse health(String correlationId) {
    Instant now = clock.instant();
    double uptime = Duration.between(started, now).toMillis() / 1000.0;
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("max_concurrent_analyses", settings.maxConcurrentAnalyses());
    extra.put("analyses_queued", registry == null ? 0 : registry.queued());
    extra.put("max_queued_analyses", settings.maxQueuedAnalyses());
    extra.put("tools", tools.stream().map(ToolInfo::toJson).toList());
    extra.put("tool_versions", ToolInfo.versions(tools));
    ProgressGateway g = gateway;
    if (g.isOn()) {
      extra.put("gateway", g.status());
    }
    QueueConsumer q = queue;
    if (q != null) {
      extra.put("queue", q.status());
    }
    return new HealthResponse(correlationId, draining ? HealthResponse.DRAINING : HealthResponse.HEALTHY,
        service.name(), service.version(), uptime, tools.stream().map(ToolInfo::name).toList(),
        registry == null ? 0 : registry.inFlight(), now, extra);
  }

  /**
   * Why the service should get no new work now, for {@code GET /ready}: draining, a tool the
   * service requires ({@link AnalyzerService#requiredTools()}) that was not detected, or a problem
   * the service reports ({@link AnalyzerService#readinessProblems()}, whose failure is itself a
   * problem). Empty when ready.
   */
  public List<String> readinessProblems() {
    List<String> problems = new ArrayList<>();
    if (draining) {
      problems.add("draining: the service is shutting down");
    }
    List<String> detected = tools.stream().map(ToolInfo::name).toList();
    try {
      for (String required : service.requiredTools()) {
        if (!detected.contains(required)) {
          problems.add("required tool " + required + " was not found at start");
        }
      }
      QueueConsumer q = queue;
      if (q != null && !draining) {
        problems.addAll(q.readinessProblems());
      }
      List<String> own = service.readinessProblems();
      if (own != null) {
        own.stream().filter(p -> p != null && !p.isBlank()).forEach(problems::add);
      }
    } catch (RuntimeException e) {
      problems.add("readiness check failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()));
    }
    return problems;
  }

  /**
   * Decodes the UTF-8 JSON of one text frame in place (no intermediate string).
   *
   * @throws dev.analyzer.core.protocol.ProtocolException for a frame that is not a valid message
   */
  public Message decode(ByteBuf utf8) {
    if (utf8.hasArray()) {
      return codec.decode(utf8.array(), utf8.arrayOffset() + utf8.readerIndex(), utf8.readableBytes());
    }
    return codec.decode(new ByteBufInputStream(utf8.duplicate()));
  }

  /** Encodes {@code message} (UTF-8 bytes, no intermediate string) and writes it on {@code channel}, counting it. */
  public ChannelFuture send(Channel channel, Message message) {
    if (message instanceof ErrorMessage && ((ErrorMessage) message).code() != null) {
      metrics.error(((ErrorMessage) message).code());
    }
    metrics.frameSent();
    return channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(codec.encodeToBytes(message))));
  }

  /** Writes an {@code error} frame. */
  public ChannelFuture sendError(Channel channel, ErrorCode code, String message, String correlationId) {
    return send(channel, ErrorMessage.of(code, message, correlationId, service.name(), clock.instant()));
  }
}
