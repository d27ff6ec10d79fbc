package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.CancelRequest;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.queue.internal.DeadLetters;
import dev.analyzer.queue.internal.DeliveryProcessor;
import dev.analyzer.queue.internal.FetchLoop;
import dev.analyzer.queue.internal.InFlight;
import dev.analyzer.queue.internal.InFlightRegistry;
import dev.analyzer.queue.internal.MaxDeliveriesListener;
import dev.analyzer.queue.internal.ResultStore;
import io.nats.client.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A competing consumer of the work queues of its kinds: it pulls at most {@code maxConcurrent}
 * requests at a time from the durable consumers, runs each through the {@link QueueHandler},
 * sends in-progress acks while it runs, stores the result, then acks. It skips a request whose
 * result is stored already, dead-letters a request on its last failed delivery (and, through the
 * server's advisory, one whose last holder died), and stops a request whose caller cancels it.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #drain(Duration)} (or {@link #close()}) once.
 * Thread-safe. The {@link QueueConnection} stays the caller's to close, after the worker.
 */
public final class QueueWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

  private final QueueConnection connection;
  private final QueueWorkerBuilder config;
  private final Semaphore permits;
  private final InFlightRegistry registry;
  private final ExecutorService handlerPool;
  private final ExecutorService finishers;
  private final List<FetchLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger state = new AtomicInteger();
  private Dispatcher dispatcher;

  QueueWorker(QueueConnection connection, QueueWorkerBuilder config) {
    this.connection = connection;
    this.config = config;
    this.permits = new Semaphore(config.maxConcurrent());
    this.registry = new InFlightRegistry(connection.settings().heartbeatInterval(), config.serviceName() + "-heartbeat");
    AtomicInteger n = new AtomicInteger();
    this.handlerPool = Executors.newFixedThreadPool(config.maxConcurrent(), r -> {
      Thread t = new Thread(r, config.serviceName() + "-queue-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.finishers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, config.serviceName() + "-queue-finish");
      t.setDaemon(true);
      return t;
    });
  }

  /** A builder for a worker on {@code connection}. */
  public static QueueWorkerBuilder builder(QueueConnection connection) {
    return new QueueWorkerBuilder(connection);
  }

  /**
   * Ensures the topology of its kinds, subscribes to cancels and max-deliveries advisories and
   * starts pulling.
   *
   * @throws IllegalStateException when called twice
   * @throws QueueException when the topology cannot be ensured or a consumer bound
   */
  public void start() {
    if (!state.compareAndSet(0, 1)) {
      throw new IllegalStateException("a QueueWorker starts once");
    }
    connection.topology().ensure(config.kinds());
    String writer = connection.nats().getOptions().getConnectionName();
    ResultStore results = new ResultStore(connection, writer);
    DeadLetters dead = new DeadLetters(connection, results, config.serviceName(), writer, config.clock());
    DeliveryProcessor processor = new DeliveryProcessor(connection, config.handler(), results, dead, registry,
        handlerPool, finishers);
    MaxDeliveriesListener maxDeliveries = new MaxDeliveriesListener(connection, dead);
    dispatcher = connection.nats().createDispatcher();
    QueueNames names = connection.names();
    dispatcher.subscribe(names.cancelWildcard(), this::onCancel);
    for (AnalysisKind kind : config.kinds()) {
      dispatcher.subscribe(names.maxDeliveriesAdvisory(kind), names.deadLetterGroup(),
          m -> maxDeliveries.onAdvisory(kind, m));
    }
    for (AnalysisKind kind : config.kinds()) {
      FetchLoop loop = new FetchLoop(connection, kind, permits, config.maxConcurrent(), config.fetchWait(), processor);
      Thread t = new Thread(loop, config.serviceName() + "-fetch-" + kind.wire());
      t.setDaemon(true);
      loops.add(loop);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    LOG.info("queue worker started: kinds {}, at most {} at a time, AckWait {}", config.kinds(),
        config.maxConcurrent(), connection.settings().ackWait());
  }

  /** How many requests this worker holds now. */
  public int inFlight() {
    return registry.size();
  }

  /**
   * Stops taking work, waits up to {@code grace} for the requests it holds to finish, then hands
   * back (naks, for immediate redelivery to another worker) and cancels the rest. Later calls
   * return an empty outcome.
   */
  public DrainOutcome drain(Duration grace) {
    int was = state.getAndSet(2);
    if (was != 1) {
      if (was == 0) {
        registry.close();
        handlerPool.shutdownNow();
        finishers.shutdownNow();
      }
      return new DrainOutcome(0, 0);
    }
    long finishedBefore = registry.finishedCount();
    loops.forEach(FetchLoop::stop);
    for (Thread t : threads) {
      join(t, config.fetchWait().plusSeconds(1));
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (registry.size() > 0 && System.nanoTime() < deadline) {
      sleepBriefly();
    }
    int handedBack = 0;
    for (InFlight f : registry.all()) {
      if (handBack(f)) {
        handedBack++;
      }
    }
    if (dispatcher != null) {
      connection.nats().closeDispatcher(dispatcher);
    }
    registry.close();
    handlerPool.shutdownNow();
    finishers.shutdown();
    int finished = (int) (registry.finishedCount() - finishedBefore);
    LOG.info("queue worker drained: {} finished, {} handed back", finished, handedBack);
    return new DrainOutcome(finished, handedBack);
  }

  /** {@link #drain(Duration)} with no grace: everything still running is handed back. */
  @Override
  public void close() {
    drain(Duration.ZERO);
  }

  private boolean handBack(InFlight f) {
    return registry.handBack(f, "worker shutting down");
  }

  private void onCancel(io.nats.client.Message m) {
    String id = connection.names().idOfCancelSubject(m.getSubject());
    if (id == null) {
      return;
    }
    String reason = "cancelled by the caller";
    try {
      Message frame = connection.codec().decode(m.getData());
      if (frame instanceof CancelRequest && ((CancelRequest) frame).reason() != null) {
        reason = reason + ": " + ((CancelRequest) frame).reason();
      }
    } catch (RuntimeException e) {
      LOG.debug("cancel frame for {} unreadable; cancelling anyway", id);
    }
    for (InFlight f : registry.byId(id)) {
      if (f.cancellation().cancel(reason)) {
        LOG.info("request {} {}", id, reason);
      }
    }
  }

  private static void join(Thread t, Duration max) {
    try {
      t.join(max.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepBriefly() {
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
