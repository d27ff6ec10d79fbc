package dev.analyzer.client.internal;

import dev.analyzer.client.pool.ConnectionPool;
import dev.analyzer.client.task.TaskManager;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's threads and how they stop. It makes every thread the client owns (I/O, timer,
 * deadlines), so it knows when close is called from one of them; {@link #run} is the shutdown
 * sequence: cancel every analysis in flight (each service gets its {@code cancel_request}, written
 * before the connection's close frame), wait for them to end, close every connection, wait for the
 * sockets to close, then stop the threads (the queue transport, when there is one, is closed after
 * the analyses have ended and before the pool). Each wait is on a real condition, bounded by
 * {@link #CLOSE_WAIT}; nothing sleeps. Called on one of the client's own threads, it runs the same
 * sequence on a new thread and returns at once, so it never blocks an I/O thread.
 *
 * <p>Thread-safe. The caller runs it once (the client guards that with its closed flag); the
 * collaborators are {@link #attach attached} after they are built from this class's thread factories.
 */
public final class ClientShutdown {

  private static final Logger LOG = LoggerFactory.getLogger(ClientShutdown.class);
  /** Longest close waits for cancelled analyses to end, and then for the sockets to close. */
  public static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

  private final Set<Thread> ownThreads = ConcurrentHashMap.newKeySet();
  private TaskManager tasks;
  private ConnectionPool pool;
  private ScheduledExecutorService timer;
  private HashedWheelTimer requestDeadlines;
  private EventLoopGroup group;
  private AutoCloseable queue;

  /** A factory of daemon threads named {@code name} that count as the client's own. */
  public ThreadFactory threads(String name) {
    return r -> {
      Thread t = new Thread(() -> {
        ownThreads.add(Thread.currentThread());
        try {
          r.run();
        } finally {
          ownThreads.remove(Thread.currentThread());
        }
      }, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** What the shutdown stops, in the order it stops them. */
  public synchronized void attach(TaskManager tasks, ConnectionPool pool, ScheduledExecutorService timer,
      HashedWheelTimer requestDeadlines, EventLoopGroup group) {
    this.tasks = tasks;
    this.pool = pool;
    this.timer = timer;
    this.requestDeadlines = requestDeadlines;
    this.group = group;
  }

  /**
   * The queue transport, closed once the cancelled analyses have ended (their cancels go out on its
   * connection), before the pool; {@code null} when the client has none.
   */
  public synchronized void attachQueue(AutoCloseable queue) {
    this.queue = queue;
  }

  /**
   * Runs {@code callback} (a caller's listener, on a thread the client does not own, such as a
   * jnats dispatcher) so that a {@code close()} from inside it counts as one from the client's own
   * threads: it shuts down on a new thread instead of blocking the callback's thread.
   */
  public void runAsOwn(Runnable callback) {
    Thread me = Thread.currentThread();
    boolean added = ownThreads.add(me);
    try {
      callback.run();
    } finally {
      if (added) {
        ownThreads.remove(me);
      }
    }
  }

  /** Runs the shutdown: here, or on a new thread when called on one of the client's own. */
  public void run() {
    if (ownThreads.contains(Thread.currentThread())) {
      Thread t = new Thread(this::shutdown, "analyzer-client-close");
      t.setDaemon(true);
      t.start();
      return;
    }
    shutdown();
  }

  private synchronized void shutdown() {
    int inFlight = tasks.active();
    tasks.cancelAll();
    if (inFlight > 0) {
      LOG.info("client closing: cancelled {} analyses in flight", inFlight);
    }
    awaitBounded(tasks.drained(), "the cancelled analyses to end");
    if (queue != null) {
      try {
        queue.close();
      } catch (Exception e) {
        LOG.warn("client closing: the queue transport did not close cleanly: {}", e.toString());
      }
    }
    pool.close();
    awaitBounded(pool.allClosed(), "the connections to close");
    timer.shutdownNow();
    requestDeadlines.stop();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT.toMillis());
  }

  private static void awaitBounded(CompletableFuture<?> condition, String what) {
    try {
      condition.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("client closing: gave up waiting for {} after {} ms", what, CLOSE_WAIT.toMillis());
    } catch (ExecutionException e) {
      LOG.debug("client closing: {} ended with {}", what, e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
