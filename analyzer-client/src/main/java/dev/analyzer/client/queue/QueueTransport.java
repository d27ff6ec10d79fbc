package dev.analyzer.client.queue;

import dev.analyzer.client.ClientStats;
import dev.analyzer.client.dedup.RequestDeduplicator;
import dev.analyzer.client.internal.ClientShutdown;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue transport of {@link dev.analyzer.client.AnalyzerClient}: analyses go through NATS
 * JetStream (analyzer-queue) instead of a WebSocket replica, behind the same {@code submit()}. The
 * client's deduplicator, task manager and per-caller deadlines sit in front of it unchanged, so
 * dedup and cancel behave as on the WebSocket; this class makes the shared remote analysis.
 *
 * <ul>
 *   <li>The NATS connection is opened at the first submit, not when the client is built, so a
 *       client starts while NATS is down; a submit that finds NATS unreachable is answered
 *       {@code unreachable}, and the next submit tries again. Concurrent submits share one attempt.
 *       Once connected, jnats reconnects by itself.</li>
 *   <li>Blocking NATS calls (connect, publish, cancel) run on {@value #THREADS} threads of its own.</li>
 * </ul>
 *
 * <p>Thread-safe. The client closes it after cancelling what is in flight.
 */
public final class QueueTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueueTransport.class);
  /** Threads for the blocking NATS calls: publishes in flight at once. */
  static final int THREADS = 8;
  /** The connection name NATS shows for the client. */
  static final String CONNECTION_NAME = "analyzer-client";

  private final QueueSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final ClientShutdown shutdown;
  private final ThreadPoolExecutor blocking;
  private final Map<AnalysisKind, KindCounters> counters = new EnumMap<>(AnalysisKind.class);
  private CompletableFuture<QueueSession> session;
  private boolean closed;

  /**
   * @param settings where the queue is (and its auth, TLS, names prefix, API timeout)
   * @param clock timestamps of client-made replies
   * @param timer arms the analyses' deadlines
   * @param shutdown makes the transport's threads (so a close from one of them does not block it)
   */
  public QueueTransport(QueueSettings settings, Clock clock, ScheduledExecutorService timer, ClientShutdown shutdown) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    this.blocking = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        shutdown.threads("analyzer-client-queue"));
    blocking.allowCoreThreadTimeOut(true);
    for (AnalysisKind k : AnalysisKind.values()) {
      counters.put(k, new KindCounters());
    }
  }

  /**
   * Starts the remote analysis of {@code request}: queued off the caller's thread, ended at
   * {@code timeout}. Never blocks, never throws: every fault becomes the result.
   *
   * @param progress receives the workers' progress frames while it runs
   */
  public RequestDeduplicator.SharedCall start(AnalysisRequest request, Duration timeout,
      Consumer<ProgressUpdate> progress) {
    return new QueueAnalysis(this, request, timeout, progress, counters.get(request.kind())).start();
  }

  /**
   * Per kind, as a replica's stats: {@code url} is the NATS servers, {@code breaker} the NATS
   * connection status ({@code connected}, {@code reconnecting}, {@code disconnected},
   * {@code closed}, or {@code not_connected} before the first submit), {@code draining} false.
   */
  public List<ClientStats.ReplicaStats> stats() {
    String url = String.join(",", settings.servers());
    String status = connectionStatus();
    List<ClientStats.ReplicaStats> out = new ArrayList<>();
    for (AnalysisKind k : AnalysisKind.values()) {
      KindCounters c = counters.get(k);
      out.add(new ClientStats.ReplicaStats(k.wire(), url, c.inFlight(), c.requests(), c.failures(), c.latencyMillis(),
          status, false));
    }
    return out;
  }

  /** The session: the open one, the attempt under way, or a new attempt (the last one failed or closed). */
  synchronized CompletableFuture<QueueSession> session() {
    if (closed) {
      return CompletableFuture.failedFuture(new QueueException("the client is closed"));
    }
    CompletableFuture<QueueSession> s = session;
    if (s != null && !s.isDone()) {
      return s;
    }
    if (s != null && !s.isCompletedExceptionally()) {
      QueueSession open = s.join();
      if (open.usable()) {
        return s;
      }
      open.close();
    }
    session = CompletableFuture.supplyAsync(() -> QueueSession.open(settings, CONNECTION_NAME), blocking);
    return session;
  }

  private synchronized String connectionStatus() {
    CompletableFuture<QueueSession> s = session;
    if (s == null || !s.isDone() || s.isCompletedExceptionally()) {
      return "not_connected";
    }
    return s.join().status();
  }

  Clock clock() {
    return clock;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  /** Runs {@code call} on the transport's threads; false (logged) when it is closed already. */
  boolean runBlocking(String what, Runnable call) {
    try {
      blocking.execute(call);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.warn("queue transport closed: {} not sent", what);
      return false;
    }
  }

  /** Runs a caller's progress listener; a close() from inside it does not block the NATS dispatcher. */
  void deliverProgress(Runnable listener) {
    shutdown.runAsOwn(listener);
  }

  /**
   * Waits (at most {@link ClientShutdown#CLOSE_WAIT}) for the cancels already handed to its
   * threads to go out, then closes the NATS connection. Idempotent.
   */
  @Override
  public void close() {
    CompletableFuture<QueueSession> s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = session;
    }
    blocking.shutdown();
    try {
      if (!blocking.awaitTermination(ClientShutdown.CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("queue transport closing: gave up waiting for {} NATS calls", blocking.getActiveCount());
        blocking.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (s != null) {
      s.whenComplete((open, error) -> {
        if (open != null) {
          open.close();
        }
      });
    }
  }
}
