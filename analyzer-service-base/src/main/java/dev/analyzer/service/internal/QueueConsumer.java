package dev.analyzer.service.internal;

import dev.analyzer.queue.DrainOutcome;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueWorker;
import dev.analyzer.service.process.internal.RestartBackoff;
import dev.analyzer.service.metrics.QueueModeMetrics;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue mode of one server: connects to NATS on a thread of its own, retrying with back-off
 * (1 s doubling up to {@code ANALYZER_QUEUE_RECONNECT_MAX}) while NATS cannot be reached or the
 * topology cannot be set up, then runs a {@link QueueWorker} of the service's kind whose handler is
 * {@link QueueAnalyses}. Once connected, jnats reconnects by itself. Reports its state for
 * {@code /health}, {@code /ready} (not ready while not consuming) and {@code /metrics}, never the
 * URL or a credential.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #drain(Duration)} once. Thread-safe.
 */
public final class QueueConsumer implements QueueModeMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);
  private static final Pattern USER_INFO = Pattern.compile("(://)[^/@\\s,\\]]+@");

  private final ServiceRuntime runtime;
  private final QueueSettings settings;
  private final int slots;
  private final RestartBackoff backoff;
  private final QueueAnalyses handler;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicLong connectFailures = new AtomicLong();
  private final Object lock = new Object();
  private Thread connector;
  /** Guarded by lock. */
  private QueueConnection connection;
  /** Guarded by lock. */
  private QueueWorker worker;
  /** Guarded by lock. */
  private boolean stopping;
  private volatile String lastError;
  private volatile boolean consuming;

  /**
   * @param slots the worker's bound: requests it holds at once (ANALYZER_QUEUE_MAX_CONCURRENT)
   * @param reconnectMax the longest wait between two connect attempts
   */
  public QueueConsumer(ServiceRuntime runtime, QueueSettings settings, int slots, Duration reconnectMax) {
    this.runtime = runtime;
    this.settings = settings;
    this.slots = slots;
    Duration initial = reconnectMax.compareTo(Duration.ofSeconds(1)) < 0 ? reconnectMax : Duration.ofSeconds(1);
    this.backoff = new RestartBackoff(initial, reconnectMax);
    this.handler = new QueueAnalyses(runtime);
  }

  /** Starts connecting on a thread of its own; returns at once. */
  public void start() {
    synchronized (lock) {
      if (connector != null) {
        throw new IllegalStateException("queue mode starts once");
      }
      connector = new Thread(this::connectLoop, runtime.service().name() + "-queue-connect");
      connector.setDaemon(true);
      connector.start();
    }
  }

  private void connectLoop() {
    int attempt = 0;
    while (stop.getCount() > 0) {
      attempt++;
      QueueConnection c = null;
      try {
        c = QueueConnection.open(settings, runtime.service().name() + " worker");
        QueueWorker w = QueueWorker.builder(c).withKind(runtime.service().kind()).withMaxConcurrent(slots)
            .withHandler(handler).withServiceName(runtime.service().name()).withClock(runtime.clock()).build();
        synchronized (lock) {
          if (stopping) {
            c.close();
            return;
          }
          connection = c;
        }
        w.start();
        synchronized (lock) {
          if (stopping) {
            w.close();
            c.close();
            return;
          }
          worker = w;
          consuming = true;
        }
        lastError = null;
        LOG.info("queue mode: consuming {} requests, at most {} at a time (attempt {})",
            runtime.service().kind().wire(), slots, attempt);
        return;
      } catch (RuntimeException e) {
        synchronized (lock) {
          connection = null;
        }
        if (c != null) {
          c.close();
        }
        connectFailures.incrementAndGet();
        lastError = redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        Duration wait = backoff.delay(attempt);
        LOG.warn("queue mode: cannot consume from NATS (attempt {}), retrying in {} ms: {}", attempt,
            wait.toMillis(), lastError);
        try {
          if (stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Stops taking requests and drains the worker: what it holds gets up to {@code grace} to finish,
   * the rest is handed back (nak) for another worker; then closes the connection. Blocks up to
   * about {@code grace} plus the worker's fetch wait.
   */
  public DrainOutcome drain(Duration grace) {
    QueueWorker w;
    QueueConnection c;
    Thread t;
    synchronized (lock) {
      stopping = true;
      stop.countDown();
      w = worker;
      c = connection;
      t = connector;
    }
    DrainOutcome outcome = new DrainOutcome(0, 0);
    if (w != null) {
      outcome = w.drain(grace);
    } else if (t != null) {
      try {
        t.join(settings.timeout().toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    consuming = false;
    if (c != null) {
      c.close();
    }
    LOG.info("queue mode stopped: {} finished while draining, {} handed back", outcome.finished(),
        outcome.handedBack());
    return outcome;
  }

  /** Why the service should get no work now, for {@code /ready}; empty while consuming. */
  public List<String> readinessProblems() {
    List<String> out = new ArrayList<>();
    if (stop.getCount() == 0) {
      return out;
    }
    if (!consuming) {
      String why = lastError;
      out.add("queue: not consuming yet, connecting to NATS" + (why == null ? "" : " (last attempt: " + why + ")"));
    } else if (!connected()) {
      out.add("queue: the connection to NATS is lost, reconnecting");
    }
    return out;
  }

  /** The {@code queue} object of {@code /health}. */
  public Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", state());
    out.put("connected", connected());
    out.put("kind", runtime.service().kind().wire());
    out.put("prefix", settings.prefix());
    out.put("max_concurrent", slots);
    out.put("in_flight", inFlight());
    AnalysisRegistry registry = runtime.registry();
    out.put("running", registry == null ? 0 : registry.queueAnalysesRunning());
    out.put("waiting_for_slot", registry == null ? 0 : registry.queueAnalysesWaiting());
    out.put("consumed", consumed());
    out.put("completed", completed());
    out.put("failed", failed());
    out.put("connect_failures", connectFailures());
    String why = lastError;
    if (why != null && !consuming) {
      out.put("last_error", why);
    }
    return out;
  }

  private String state() {
    if (stop.getCount() == 0) {
      return consuming ? "draining" : "stopped";
    }
    if (!consuming) {
      return "connecting";
    }
    return connected() ? "consuming" : "reconnecting";
  }

  @Override
  public boolean connected() {
    QueueConnection c;
    synchronized (lock) {
      c = connection;
    }
    return consuming && c != null && c.nats().getStatus() == Connection.Status.CONNECTED;
  }

  @Override
  public int inFlight() {
    QueueWorker w;
    synchronized (lock) {
      w = worker;
    }
    return w == null ? 0 : w.inFlight();
  }

  @Override
  public long consumed() {
    return handler.consumed();
  }

  @Override
  public long completed() {
    return handler.completed();
  }

  @Override
  public long failed() {
    return handler.failed();
  }

  @Override
  public long connectFailures() {
    return connectFailures.get();
  }

  /** {@code message} without the servers' user info (nats://user:pass@host becomes nats://host). */
  String redact(String message) {
    String out = message;
    for (String server : settings.servers()) {
      out = out.replace(server, USER_INFO.matcher(server).replaceAll("$1"));
    }
    return USER_INFO.matcher(out).replaceAll("$1");
  }
}
