package dev.analyzer.client.pool;

import dev.analyzer.client.internal.WsConnection;
import dev.analyzer.client.replica.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Bounds the WebSocket connections open at once. A permit is taken before a connection is opened
 * and returned only when its socket has closed, so the bound holds for the connection's whole life
 * (the original's semaphore covered only the handshake).
 *
 * <ul>
 *   <li>{@link #openFresh} gives a new connection (analyses: the service closes it after the reply).</li>
 *   <li>{@link #borrow}/{@link #giveBack} reuse idle connections per URL (ping, health); idle ones
 *       close after the idle timeout ({@link #evictIdle}), measured with the injected ticker.</li>
 *   <li>When every permit is held and some connection is idle, the oldest idle one is closed to make
 *       room instead of making the caller wait.</li>
 *   <li>Waiting for a permit is bounded: past the timeout the future fails with
 *       {@link PoolExhaustedException}.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

  private final AsyncPermits permits;
  private final Duration acquireTimeout;
  private final Duration idleTimeout;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService timer;
  private final Function<Endpoint, WsConnection> opener;
  private final Map<Endpoint, Deque<Idle>> idle = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<WsConnection> open = new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Idle(WsConnection connection, long sinceNanos) {}

  /**
   * @param opener starts a connection to an endpoint (see {@link WsConnection#open})
   * @param nanoTime the ticker idle timeouts are measured with
   */
  public ConnectionPool(int maxConnections, Duration acquireTimeout, Duration idleTimeout, LongSupplier nanoTime,
      ScheduledExecutorService timer, Function<Endpoint, WsConnection> opener) {
    this.permits = new AsyncPermits(maxConnections);
    this.acquireTimeout = acquireTimeout;
    this.idleTimeout = idleTimeout;
    this.nanoTime = nanoTime;
    this.timer = timer;
    this.opener = opener;
  }

  /**
   * A permit for one connection: granted at once when one is free, else after an idle connection is
   * closed or another closes, or failed with {@link PoolExhaustedException} after the timeout.
   * Cancelling the returned future gives up the place in the queue; a permit granted at the same
   * moment goes back to the pool (a caller that cancels must still release a lease it is handed).
   */
  public CompletableFuture<Lease> lease() {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
    }
    if (permits.tryAcquire()) {
      return CompletableFuture.completedFuture(new Lease());
    }
    evictOldestIdle();
    CompletableFuture<Void> waiter = permits.acquire(acquireTimeout, timer);
    CompletableFuture<Lease> lease = new CompletableFuture<>();
    waiter.whenComplete((v, e) -> {
      if (e != null) {
        lease.completeExceptionally(e);
      } else if (!lease.complete(new Lease())) {
        permits.release();
      }
    });
    lease.whenComplete((l, e) -> {
      if (lease.isCancelled()) {
        waiter.cancel(false);
      }
    });
    return lease;
  }

  /** A new connection to {@code uri}, open and past its handshake; never from the idle pool. */
  public CompletableFuture<WsConnection> openFresh(URI uri) {
    return openFresh(Endpoint.of(uri));
  }

  /** A new connection to {@code endpoint}, open and past its handshake; never from the idle pool. */
  public CompletableFuture<WsConnection> openFresh(Endpoint endpoint) {
    return lease().thenCompose(l -> l.open(endpoint));
  }

  /**
   * One connection permit. {@link #open} uses it for a connection, which returns it when its socket
   * closes; {@link #release} returns it unused. Either happens once.
   */
  public final class Lease {
    private final AtomicBoolean used = new AtomicBoolean();

    private Lease() {}

    /** Opens a connection to {@code uri} by name on this permit; the permit returns when the socket closes. */
    public CompletableFuture<WsConnection> open(URI uri) {
      return open(Endpoint.of(uri));
    }

    /** Opens a connection to {@code endpoint} on this permit; the permit returns when the socket closes. */
    public CompletableFuture<WsConnection> open(Endpoint endpoint) {
      if (!used.compareAndSet(false, true)) {
        return CompletableFuture.failedFuture(new IllegalStateException("lease already used"));
      }
      WsConnection c;
      try {
        c = opener.apply(endpoint);
      } catch (RuntimeException e) {
        permits.release();
        return CompletableFuture.failedFuture(e);
      }
      open.add(c);
      c.closeFuture().whenComplete((v, e) -> {
        open.remove(c);
        permits.release();
      });
      if (closed.get()) {
        c.close();
      }
      return c.ready();
    }

    /** Returns the permit unused. */
    public void release() {
      if (used.compareAndSet(false, true)) {
        permits.release();
      }
    }
  }

  /** An idle connection to {@code endpoint} if one is open, else a fresh one. Hand it back with {@link #giveBack}. */
  public CompletableFuture<WsConnection> borrow(Endpoint endpoint) {
    return takeIdle(endpoint).map(CompletableFuture::completedFuture).orElseGet(() -> openFresh(endpoint));
  }

  /** {@link #takeIdle(Endpoint)} of the endpoint {@code uri} connected to by name. */
  public java.util.Optional<WsConnection> takeIdle(URI uri) {
    return takeIdle(Endpoint.of(uri));
  }

  /**
   * The newest open idle connection to {@code endpoint}, taken out of the idle pool (hand it back with
   * {@link #giveBack}). Taking it and the idle sweep's closing claim an entry the same way (an
   * atomic removal from the deque), so the sweep never closes a connection just taken.
   */
  public java.util.Optional<WsConnection> takeIdle(Endpoint endpoint) {
    Deque<Idle> q = idle.get(endpoint);
    if (q != null) {
      for (Idle i; (i = q.pollLast()) != null; ) {
        if (i.connection().isOpen()) {
          return java.util.Optional.of(i.connection());
        }
        i.connection().close();
      }
    }
    return java.util.Optional.empty();
  }

  /** Returns a borrowed connection to the idle pool (closed ones are dropped). */
  public void giveBack(WsConnection c) {
    if (closed.get() || !c.isOpen()) {
      c.close();
      return;
    }
    c.listen(null);
    idle.computeIfAbsent(c.endpoint(), u -> new ConcurrentLinkedDeque<>()).addLast(new Idle(c, nanoTime.getAsLong()));
  }

  /**
   * Closes every idle connection to {@code endpoint} (a replica that is draining: idle connections
   * carry no work, and none will be taken again); returns how many.
   */
  public int closeIdle(Endpoint endpoint) {
    Deque<Idle> q = idle.remove(endpoint);
    int n = 0;
    if (q != null) {
      for (Idle i; (i = q.poll()) != null; n++) {
        i.connection().close();
      }
    }
    return n;
  }

  /** Closes idle connections unused for longer than the idle timeout; returns how many. */
  public int evictIdle() {
    long now = nanoTime.getAsLong();
    int n = 0;
    for (Deque<Idle> q : idle.values()) {
      for (Iterator<Idle> it = q.iterator(); it.hasNext(); ) {
        Idle i = it.next();
        // q.remove succeeds for one claimant only: a borrow that polled the entry first keeps it
        if ((!i.connection().isOpen() || now - i.sinceNanos() >= idleTimeout.toNanos()) && q.remove(i)) {
          i.connection().close();
          n++;
        }
      }
    }
    return n;
  }

  private void evictOldestIdle() {
    Idle oldest = null;
    Deque<Idle> from = null;
    for (Deque<Idle> q : idle.values()) {
      Idle first = q.peekFirst();
      if (first != null && (oldest == null || first.sinceNanos() < oldest.sinceNanos())) {
        oldest = first;
        from = q;
      }
    }
    if (oldest != null && from.remove(oldest)) {
      oldest.connection().close();
    }
  }

  /** Connections holding a permit now (open, opening, or closing). */
  public int activeConnections() {
    return permits.inUse();
  }

  /** Idle connections kept for reuse. */
  public int pooledConnections() {
    int n = 0;
    for (Deque<Idle> q : idle.values()) {
      n += q.size();
    }
    return n;
  }

  /** Callers waiting for a permit. */
  public int waiting() {
    return permits.waiting();
  }

  public int maxConnections() {
    return permits.max();
  }

  /** Completes when every connection this pool opened has lost its socket (after {@link #close}: all of them). */
  public CompletableFuture<Void> allClosed() {
    return CompletableFuture.allOf(open.stream().map(WsConnection::closeFuture).toArray(CompletableFuture[]::new));
  }

  /** Closes every connection, idle or in use; later opens fail. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Deque<Idle> q : idle.values()) {
      for (Idle i; (i = q.poll()) != null; ) {
        i.connection().close();
      }
    }
    for (WsConnection c : new ArrayList<>(open)) {
      c.close();
    }
  }
}
