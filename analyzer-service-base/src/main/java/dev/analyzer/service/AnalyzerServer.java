package dev.analyzer.service;

import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.internal.AnalysisRegistry;
import dev.analyzer.service.internal.NamedThreads;
import dev.analyzer.service.internal.ProgressGateway;
import dev.analyzer.service.internal.QueueConsumer;
import dev.analyzer.service.internal.ServerInitializer;
import dev.analyzer.service.internal.ServiceRuntime;
import dev.analyzer.service.internal.Transport;
import dev.analyzer.service.metrics.PrometheusServiceMetrics;
import dev.analyzer.service.metrics.ServiceMetrics;
import dev.analyzer.service.process.ToolDaemon;
import dev.analyzer.service.process.internal.ProcessScope;
import dev.analyzer.service.process.internal.ProcessTrees;
import dev.analyzer.service.process.internal.ScopedProcessRunner;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link AnalyzerService} on one port: WebSocket analyses plus {@code GET /health},
 * {@code GET /ready} and {@code GET /metrics}. Bootstrap and lifecycle only; the protocol lives in the handlers.
 *
 * <p>Lifecycle: {@link #start()} detects the service's tools, binds and returns;
 * {@link #shutdown(Duration)} drains: health and ready turn 503, new analyses and the queued ones
 * that have not started are refused with {@code busy}, in-flight analyses get the grace period to finish and deliver their results, the
 * rest are cancelled with {@code cancelled} replies, open connections are closed with 1001, and the
 * port is released.
 *
 * <p>Queue mode ({@link AnalyzerServerBuilder#withQueue}): the server also takes the requests of its
 * kind from NATS JetStream, connecting in the background (with back-off; {@code /ready} is 503 until
 * it consumes), running each through the same analysis path and slots as WebSocket analyses; on
 * shutdown the queue worker stops fetching, what it holds gets the grace, and the rest is handed
 * back for another worker. Thread-safe.
 */
public final class AnalyzerServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyzerServer.class);
  private static final Duration TOOL_DETECTION_TIMEOUT = Duration.ofSeconds(10);

  private final AnalyzerService service;
  private final ServiceSettings settings;
  private final Clock clock;
  private final int eventLoopThreads;
  private final ServiceRuntime runtime;
  private final ServiceMetrics metrics;
  private final ExecutorService analysisExecutor = Executors.newCachedThreadPool(new NamedThreads("analysis"));
  private final ExecutorService controlExecutor = Executors.newCachedThreadPool(new NamedThreads("analysis-control"));
  private final ExecutorService ioExecutor = Executors.newCachedThreadPool(new NamedThreads("process-io"));
  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, new NamedThreads("deadlines"));
  private final AnalysisRegistry registry;
  private final QueueConsumer queue;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private EventLoopGroup group;
  private Channel serverChannel;
  private Transport transport;
  private volatile List<ToolDaemon> daemons = List.of();

  AnalyzerServer(AnalyzerServerBuilder b) {
    this.service = b.service;
    this.settings = b.settings;
    this.clock = b.clock;
    this.eventLoopThreads = b.eventLoopThreads;
    ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    settings.pathMap().entries().forEach(e -> {
      if (settings.sourceRoots().stream().noneMatch(root -> e.directory().startsWith(root)
          || root.startsWith(e.directory()))) {
        throw new dev.analyzer.core.settings.SettingsException(ServiceSettings.PATH_MAP, ServiceSettings.PATH_MAP
            + " entry '" + e + "' maps onto a directory outside " + ServiceSettings.SOURCE_ROOTS
            + ", so every path it maps would be refused; add " + e.directory() + " to " + ServiceSettings.SOURCE_ROOTS);
      }
    });
    this.metrics = b.metrics != null ? b.metrics : new PrometheusServiceMetrics(this::registryInFlight,
        this::registryQueued, () -> runtimeGateway().sent(), () -> runtimeGateway().dropped());
    this.runtime = new ServiceRuntime(service, settings, ProtocolCodec.withLimits(ProtocolCodec.DEFAULT_MAX_NESTING_DEPTH,
        settings.maxFrameBytes()), clock, metrics, channels);
    timers.setRemoveOnCancelPolicy(true);
    int queueSlots = b.queue == null ? settings.maxConcurrentAnalyses() : b.queue.slots(settings.maxConcurrentAnalyses());
    this.registry = new AnalysisRegistry(runtime, analysisExecutor, controlExecutor, ioExecutor, timers, queueSlots);
    if (b.queue != null) {
      this.queue = new QueueConsumer(runtime, b.queue.queue(), queueSlots, b.queue.reconnectMax());
      runtime.queue(queue);
      metrics.queueMode(queue);
    } else {
      this.queue = null;
    }
  }

  private int registryInFlight() {
    return registry == null ? 0 : registry.inFlight();
  }

  private int registryQueued() {
    return registry == null ? 0 : registry.queued();
  }

  private ProgressGateway runtimeGateway() {
    return runtime == null ? ProgressGateway.off() : runtime.gateway();
  }

  /** A builder for {@code service}; settings default to {@link ServiceSettings#defaults(int)}. */
  public static AnalyzerServerBuilder builder(AnalyzerService service) {
    return new AnalyzerServerBuilder(service);
  }

  /**
   * Detects the service's tools, binds the port and starts serving.
   *
   * @throws IllegalStateException when the port cannot be bound (the message names host and port)
   */
  public synchronized AnalyzerServer start() {
    if (serverChannel != null) {
      throw new IllegalStateException(service.name() + " is already started");
    }
    daemons = List.copyOf(service.daemons());
    runtime.tools(detectTools());
    runtime.gateway(ProgressGateway.start(settings.gatewayUrl(), settings.gatewayQueueSize(), runtime.codec()));
    transport = Transport.best();
    group = new MultiThreadIoEventLoopGroup(eventLoopThreads, new NamedThreads(service.name() + "-io"),
        transport.ioHandlerFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
        .childHandler(new ServerInitializer(runtime));
    ChannelFuture bind = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      runtime.gateway().close();
      stopDaemons();
      stopExecutors();
      throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
          + bind.cause().getMessage(), bind.cause());
    }
    serverChannel = bind.channel();
    if (queue != null) {
      queue.start();
    }
    LOG.info("{} {} listening on ws://{}:{} ({}, tools: {})", service.name(), service.version(), settings.host(),
        port(), transport, runtime.health(null).availableTools());
    return this;
  }

  private List<ToolInfo> detectTools() {
    ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE);
    try {
      return List.copyOf(service.detectToolDetails(new ScopedProcessRunner(scope, ioExecutor,
          ProcessTrees.DEFAULT_GRACE)));
    } catch (RuntimeException e) {
      LOG.warn("{}: tool detection failed, serving with no external tools: {}", service.name(), e.toString());
      return List.of();
    } finally {
      scope.close();
    }
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return address().getPort();
  }

  /** {@code ws://host:port/}. */
  public String webSocketUrl() {
    return "ws://" + settings.host() + ":" + port() + "/";
  }

  /** The transport in use (epoll or NIO). */
  public Transport transport() {
    return transport;
  }

  /** Analyses whose threads are still running. */
  public int analysesInFlight() {
    return registry.inFlight();
  }

  /** True once shutdown has begun. */
  public boolean isDraining() {
    return runtime.isDraining();
  }

  /** The settings this server was built with (read once; the shutdown path relies on them). */
  public ServiceSettings settings() {
    return settings;
  }

  /** The metrics this server records. */
  public ServiceMetrics metrics() {
    return metrics;
  }

  /**
   * Drains and stops; see the class comment. Idempotent; blocks up to about {@code grace} plus a few
   * seconds.
   */
  public void shutdown(Duration grace) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    runtime.startDraining();
    registry.refuseWaiting(service.name() + " is shutting down; send the analysis to another replica");
    LOG.info("{} draining: {} analyses in flight, grace {} s", service.name(), registry.awaitingReply(),
        grace.toSeconds());
    // The queue worker stops fetching at once and hands back what is still running when the grace
    // ends, before the registry cancels anything: a queued analysis is handed back, never stored
    // as cancelled.
    java.util.concurrent.CompletableFuture<?> queueDrained = queue == null
        ? java.util.concurrent.CompletableFuture.completedFuture(null)
        : java.util.concurrent.CompletableFuture.runAsync(() -> queue.drain(grace), controlExecutor);
    try {
      boolean allReplied = registry.awaitReplies(grace);
      awaitQueueDrain(queueDrained, grace);
      if (!allReplied && registry.awaitingReply() > 0) {
        LOG.info("{}: grace period over, cancelling {} analyses", service.name(), registry.awaitingReply());
        registry.cancelAll(CancellationReason.SHUTDOWN);
      }
      awaitThreads(Duration.ofSeconds(2));
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      registry.cancelAll(CancellationReason.SHUTDOWN);
    }
    runtime.channels().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE,
        "Service shutting down")).awaitUninterruptibly(2, TimeUnit.SECONDS);
    runtime.channels().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    runtime.gateway().close();
    stopDaemons();
    stopExecutors();
    LOG.info("{} stopped", service.name());
  }

  private void awaitQueueDrain(java.util.concurrent.CompletableFuture<?> drained, Duration grace) {
    try {
      drained.get(grace.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("{}: draining the queue worker did not end cleanly: {}", service.name(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitThreads(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (registry.inFlight() > 0 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  private void stopDaemons() {
    for (ToolDaemon d : daemons) {
      try {
        d.close();
      } catch (RuntimeException e) {
        LOG.warn("{}: stopping daemon {} failed: {}", service.name(), d.name(), e.toString());
      }
    }
  }

  private void stopExecutors() {
    timers.shutdownNow();
    analysisExecutor.shutdownNow();
    controlExecutor.shutdown();
    ioExecutor.shutdownNow();
  }

  /** {@link #shutdown(Duration)} with the configured grace ({@code ANALYZER_SHUTDOWN_GRACE}). */
  @Override
  public void close() {
    shutdown(settings.shutdownGrace());
  }
}
