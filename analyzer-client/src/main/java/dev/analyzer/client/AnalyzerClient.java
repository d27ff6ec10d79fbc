package dev.analyzer.client;

import dev.analyzer.client.dedup.DedupKey;
import dev.analyzer.client.dedup.RequestDeduplicator;
import dev.analyzer.client.internal.ClientContext;
import dev.analyzer.client.internal.ClientShutdown;
import dev.analyzer.client.internal.Exchange;
import dev.analyzer.client.internal.RemoteAnalysis;
import dev.analyzer.client.internal.ReplicaDirectory;
import dev.analyzer.client.internal.ReplicaRefresher;
import dev.analyzer.client.internal.StatsSnapshot;
import dev.analyzer.client.internal.WsConnection;
import dev.analyzer.client.pool.ConnectionPool;
import dev.analyzer.client.queue.QueueTransport;
import dev.analyzer.client.breaker.ReplicaBreaker;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.client.replica.ReplicaChanges;
import dev.analyzer.client.replica.ReplicaSelector;
import dev.analyzer.client.task.ManagedTask;
import dev.analyzer.client.task.TaskManager;
import dev.analyzer.client.task.TaskState;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.HealthCheck;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Ping;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.settings.ConnectionSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.HashedWheelTimer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client of the analyzer services: one per process. It submits analyses to the named services
 * (static, dynamic, performance, ai), each with one or more replica URLs, and never loses,
 * duplicates or hangs a request:
 *
 * <ul>
 *   <li>at most {@code ANALYZER_MAX_CONNECTIONS} connections are open at once, a permit held for a
 *       connection's whole life; waiting for one is bounded ({@code pool_exhausted});</li>
 *   <li>each replica has a circuit breaker that sees every failed request; an open breaker fails
 *       fast ({@code circuit_open}) without network I/O; half-open admits a bounded number of probes;</li>
 *   <li>replicas are chosen least-in-flight first, then by recent latency; a request whose replica
 *       fails moves to the next one;</li>
 *   <li>a replica URL whose host name has several addresses (a Kubernetes headless Service) is one
 *       replica per address, resolved again every {@code ANALYZER_REPLICA_REFRESH}: new addresses
 *       are added, gone ones drained (their work finishes, they get no new work);</li>
 *   <li>identical concurrent requests share one remote analysis; each caller gets its own future,
 *       and the remote analysis is cancelled only when every caller has cancelled;</li>
 *   <li>every request has a deadline (per service, overridable per request); past it, and on
 *       {@link AnalysisHandle#cancel()}, a {@code cancel_request} reaches the service;</li>
 *   <li>faults come back as replies ({@link ClientFailure}), never as exceptions.</li>
 * </ul>
 *
 * <p>Queue mode ({@link AnalyzerClientBuilder#withQueue(String)} or {@code ANALYZER_QUEUE_URL}):
 * analyses go through NATS JetStream ({@link QueueTransport}) instead of the replicas, with the same
 * replies, failure statuses, dedup, cancel, deadlines and progress; ping and health still ask the
 * WebSocket replicas.
 *
 * <p>Thread-safe. {@link #close()} cancels what is in flight and closes every connection.
 */
public final class AnalyzerClient implements AutoCloseable {

  private final ClientSettings settings;
  private final Clock clock;
  private final EventLoopGroup group;
  private final ScheduledThreadPoolExecutor timer;
  private final HashedWheelTimer requestDeadlines;
  private final ConnectionPool pool;
  private final ReplicaDirectory replicas;
  /** Runs the replica refresh (DNS may block), or null when nothing is refreshed. */
  private final ScheduledThreadPoolExecutor replicaRefresh;
  private final ClientContext ctx;
  /** Queue mode's transport, or null when analyses go to the WebSocket replicas. */
  private final QueueTransport queue;
  private final TaskManager tasks = new TaskManager();
  private final RequestDeduplicator dedup = new RequestDeduplicator();
  private final boolean deduplicate;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The client's threads and their shutdown: close() must not block or stop them from inside. */
  private final ClientShutdown shutdown = new ClientShutdown();

  AnalyzerClient(AnalyzerClientBuilder b) {
    this.settings = b.settings;
    this.clock = b.clock;
    this.deduplicate = b.deduplicate;
    this.group = new MultiThreadIoEventLoopGroup(b.ioThreads, shutdown.threads("analyzer-client-io"),
        NioIoHandler.newFactory());
    ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, shutdown.threads("analyzer-client-timer"));
    // Every request arms a deadline that is almost always cancelled by its reply: drop cancelled
    // deadlines at once, or each would sit in the queue (and wake the timer thread) until it was due.
    timerPool.setRemoveOnCancelPolicy(true);
    this.timer = timerPool;
    ConnectionSettings c = settings.connection();
    ProtocolCodec codec = ProtocolCodec.withLimits(ProtocolCodec.DEFAULT_MAX_NESTING_DEPTH, settings.maxFrameBytes());
    this.pool = new ConnectionPool(c.maxConnections(), c.connectionTimeout(), c.idleTimeout(), b.ticker, timer,
        endpoint -> WsConnection.open(group, endpoint, settings.authToken(), settings.maxFrameBytes(),
            c.connectionTimeout(), settings.compression(), codec));
    // one replica (and breaker) per endpoint, shared by the services that name the same URL
    this.replicas = new ReplicaDirectory(settings.replicas(), b.resolver, e -> new Replica(e, new ReplicaBreaker(
        e.toString(), c.circuitThreshold(), c.circuitTimeout(), c.circuitHalfOpenCalls(), b.ticker)),
        r -> pool.closeIdle(r.endpoint()));
    this.requestDeadlines = new HashedWheelTimer(shutdown.threads("analyzer-client-deadlines"), 10,
        TimeUnit.MILLISECONDS, 512);
    shutdown.attach(tasks, pool, timer, requestDeadlines, group);
    this.queue = settings.queueMode() ? new QueueTransport(settings.queue(), clock, timer, shutdown) : null;
    shutdown.attachQueue(queue);
    this.ctx = new ClientContext(settings, pool, replicas, clock, timer, requestDeadlines);
    long sweep = Math.max(1, Math.min(60, c.idleTimeout().toSeconds() / 2));
    timer.scheduleWithFixedDelay(pool::evictIdle, sweep, sweep, TimeUnit.SECONDS);
    if (replicas.hasNames() && !settings.replicaRefresh().isZero()) {
      this.replicaRefresh = new ScheduledThreadPoolExecutor(1, shutdown.threads("analyzer-client-replicas"));
      ReplicaRefresher.schedule(replicas, settings.replicaRefresh(), replicaRefresh);
    } else {
      this.replicaRefresh = null;
    }
  }

  /** A builder: defaults, then the environment, then what the builder sets. */
  public static AnalyzerClientBuilder builder() {
    return new AnalyzerClientBuilder();
  }

  /** Submits {@code request} to its service with that service's default deadline. */
  public AnalysisHandle submit(AnalysisRequest request, ProgressListener progress) {
    return submit(request, progress, null);
  }

  /**
   * Submits {@code request} to the service of its kind.
   *
   * @param progress receives progress frames (on an I/O thread, or the NATS progress thread in queue
   *     mode; must not block); may be null
   * @param timeout the deadline, or {@code null} for the request's {@code timeout_seconds} or the
   *     service default (static 480 s, dynamic 600 s, performance 600 s, ai 900 s)
   */
  public AnalysisHandle submit(AnalysisRequest request, ProgressListener progress, Duration timeout) {
    AnalysisKind kind = request.kind();
    String service = kind.defaultServiceName();
    Duration deadline = timeout != null ? timeout
        : request.timeoutSeconds() != null ? Duration.ofSeconds(request.timeoutSeconds()) : settings.timeouts().get(kind);
    ManagedTask task = new ManagedTask(request.id(), request.modelSlug(), request.appNumber(), kind, clock.instant());
    if (closed.get()) {
      return failedHandle(task, ClientFailure.ERROR.reply("the client is closed", request.id(), service, clock.instant()));
    }
    if (!tasks.register(task)) {
      return failedHandle(task, ClientFailure.ERROR.reply("an analysis with id " + request.id()
          + " is already in flight in this client", request.id(), service, clock.instant()));
    }
    if (closed.get()) {
      // close() began after the first check: it may have missed this task, so it ends here
      Message reply = ClientFailure.CANCELLED.reply("the client is closed", request.id(), service, clock.instant());
      tasks.finished(task, TaskState.CANCELLED);
      return new AnalysisHandle(task, CompletableFuture.completedFuture(reply), false);
    }
    DedupKey key = deduplicate ? DedupKey.of(service, request) : new DedupKey(request.id());
    RequestDeduplicator.Caller[] caller = new RequestDeduplicator.Caller[1];
    caller[0] = dedup.join(key, request.id(), progress, remoteDeadline(request, deadline),
        fanout -> queue != null ? queue.start(request, deadline, fanout)
            : new RemoteAnalysis(ctx, request, deadline, fanout).start(),
        id -> ClientFailure.CANCELLED.reply("cancelled by the caller", id, service, clock.instant()));
    // a cancel(id) or close() that came after register and before this point was queued: it runs now
    task.attach(caller[0]::cancel);
    if (!caller[0].isLeader()) {
      followerDeadline(caller[0], request.id(), service, deadline);
    }
    // The caller sees the reply only after the task is retired, so stats() read right after a result
    // never counts it as active.
    CompletableFuture<Message> result = caller[0].future().whenComplete((reply, e) -> tasks.finished(task,
        stateOf(reply)));
    return new AnalysisHandle(task, result, !caller[0].isLeader());
  }

  /**
   * When a remote analysis started now for {@code request} would end, in {@link System#nanoTime()}
   * (the clock its deadline timer runs on, not the builder's ticker): at the client's deadline, or
   * earlier at the request's own {@code timeout_seconds}, which the service honours.
   */
  private long remoteDeadline(AnalysisRequest request, Duration deadline) {
    Duration remote = request.timeoutSeconds() == null ? deadline
        : java.util.Collections.min(List.of(deadline, Duration.ofSeconds(request.timeoutSeconds())));
    return System.nanoTime() + remote.toNanos();
  }

  /**
   * A follower shares the leader's remote analysis (and its deadline) but keeps its own: at it, the
   * follower alone gets its {@code timeout} reply.
   */
  private void followerDeadline(RequestDeduplicator.Caller caller, String id, String service, Duration deadline) {
    io.netty.util.Timeout t = requestDeadlines.newTimeout(x -> caller.expire(ClientFailure.TIMEOUT.reply(
        "no reply within the deadline of " + deadline.toMillis() / 1000.0 + " s (shared analysis goes on)", id,
        service, clock.instant())), deadline.toNanos(), TimeUnit.NANOSECONDS);
    caller.future().whenComplete((m, e) -> t.cancel());
  }

  private AnalysisHandle failedHandle(ManagedTask task, Message reply) {
    task.finish(TaskState.FAILED);
    return new AnalysisHandle(task, CompletableFuture.completedFuture(reply), false);
  }

  private static TaskState stateOf(Message reply) {
    if (reply instanceof AnalysisResult) {
      return TaskState.COMPLETED;
    }
    return ClientFailure.of(reply).map(f -> {
      switch (f) {
        case CANCELLED:
          return TaskState.CANCELLED;
        case TIMEOUT:
          return TaskState.TIMED_OUT;
        default:
          return TaskState.FAILED;
      }
    }).orElse(TaskState.COMPLETED);
  }

  /** Cancels the analysis {@code id}; false when it is not in flight. */
  public boolean cancel(String id) {
    return tasks.cancel(id);
  }

  /**
   * Pings one replica of {@code kind} (the best by load and latency) on a pooled connection, with
   * ANALYZER_CONNECTION_TIMEOUT as the deadline.
   */
  public CompletableFuture<Message> ping(AnalysisKind kind) {
    return ping(kind, settings.connection().connectionTimeout());
  }

  /**
   * As {@link #ping(AnalysisKind)} with its own deadline (waiting for a pool permit included). A
   * deadline that passes while still waiting for the pool ends as {@code pool_exhausted} and is not
   * charged to the replica.
   */
  public CompletableFuture<Message> ping(AnalysisKind kind, Duration timeout) {
    Ping ping = Ping.of(clock.instant());
    return exchange(kind, ping, ping.id(), positive(timeout));
  }

  /** Asks one replica of {@code kind} for its health on a pooled connection (deadline ANALYZER_CONNECTION_TIMEOUT). */
  public CompletableFuture<Message> health(AnalysisKind kind) {
    return health(kind, settings.connection().connectionTimeout());
  }

  /** As {@link #health(AnalysisKind)} with its own deadline, as for {@link #ping(AnalysisKind, Duration)}. */
  public CompletableFuture<Message> health(AnalysisKind kind, Duration timeout) {
    HealthCheck check = HealthCheck.of(clock.instant());
    return exchange(kind, check, check.id(), positive(timeout));
  }

  private static Duration positive(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("an exchange timeout must be > 0, got " + timeout);
    }
    return timeout;
  }

  /**
   * Health of every replica of {@code kind} taking work, by URL (for a replica bound to one address
   * of its host, the URL with that address as host, such as {@code ws://10.1.2.3:2001}).
   */
  public Map<URI, CompletableFuture<Message>> healthOfReplicas(AnalysisKind kind) {
    Map<URI, CompletableFuture<Message>> out = new LinkedHashMap<>();
    for (Replica r : replicas.active(kind)) {
      HealthCheck check = HealthCheck.of(clock.instant());
      out.put(r.endpoint().url(), Exchange.run(ctx, r, check, check.id(), kind.defaultServiceName(),
          settings.connection().connectionTimeout()));
    }
    return out;
  }

  private CompletableFuture<Message> exchange(AnalysisKind kind, Message request, String id, Duration timeout) {
    String service = kind.defaultServiceName();
    if (closed.get()) {
      return CompletableFuture.completedFuture(ClientFailure.ERROR.reply("the client is closed", id, service,
          clock.instant()));
    }
    List<Replica> order = ReplicaSelector.order(replicas.active(kind), List.of());
    if (order.isEmpty()) {
      return CompletableFuture.completedFuture(ClientFailure.CIRCUIT_OPEN.reply("the circuit breakers of all "
          + replicas.active(kind).size() + " " + service + " replicas are open", id, service, clock.instant()));
    }
    return Exchange.run(ctx, order.get(0), request, id, service, timeout);
  }

  /**
   * A snapshot of pool, tasks, dedup, breakers and replicas; in queue mode {@code replicas} also
   * lists the queue, one entry per kind ({@link QueueTransport#stats()}).
   */
  public ClientStats stats() {
    return StatsSnapshot.of(ctx, replicas, tasks.active(), dedup.pendingFollowers(),
        timer.getQueue().size() + (int) requestDeadlines.pendingTimeouts(),
        queue == null ? List.of() : queue.stats());
  }

  /**
   * Closes pooled connections idle for longer than ANALYZER_IDLE_TIMEOUT (as measured by the
   * builder's ticker) now; the client also does this periodically. Returns how many it closed.
   */
  public int closeIdleConnections() {
    return pool.evictIdle();
  }

  /**
   * Resolves the replica host names again now (the client also does this every
   * ANALYZER_REPLICA_REFRESH): a name with several addresses is one replica per address; replicas
   * of new addresses are added, those of gone ones drained (their work finishes, they get no new
   * work); a name that fails to resolve keeps its last known set. Blocks for the lookups.
   *
   * @return the endpoints added and drained, and the names that did not resolve
   */
  public ReplicaChanges refreshReplicas() {
    return replicas.refresh();
  }

  /** The effective settings. */
  public ClientSettings settings() {
    return settings;
  }

  /**
   * Cancels every analysis in flight (each service gets its {@code cancel_request}, written before
   * the connection's close frame), closes every connection, waits (at most 3 s each) for the
   * cancelled analyses to end and the sockets to close, then stops the client's threads.
   * Idempotent. Called on one of the client's own threads (a progress callback, a reply's
   * continuation), it starts the same shutdown on a new thread and returns at once: it never
   * blocks an I/O thread.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (replicaRefresh != null) {
        replicaRefresh.shutdownNow();
      }
      shutdown.run();
    }
  }
}
