package dev.analyzer.client.internal;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.breaker.BreakerPermit;
import dev.analyzer.client.pool.ConnectionPool;
import dev.analyzer.client.pool.PoolExhaustedException;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Pong;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One request/reply exchange (ping, health_check) on a pooled connection to one replica: an idle
 * connection if one is open, else a pool permit and a fresh connection; it sends, waits for the
 * reply with the request's id, and gives the connection back for reuse. Completes normally, always.
 *
 * <p>The replica is charged only for what the replica does: the breaker permit (a
 * {@link ReplicaCall}) is taken once a connection permit is held, so a deadline that passes while
 * still waiting for the pool ends as {@code pool_exhausted} and records nothing on the breaker.
 * Thread-safe: the reply is settled exactly once, by whichever of reply, close, deadline or pool
 * failure comes first.
 */
public final class Exchange implements WsConnection.Listener {

  private final ClientContext ctx;
  private final Replica replica;
  private final Message request;
  private final String id;
  private final String service;
  private final Duration timeout;
  private final CompletableFuture<Message> reply = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile ReplicaCall call;
  private volatile WsConnection connection;
  private volatile Timeout deadline;
  /** The pool permit still awaited: given up (its queue place freed) when the exchange settles first. */
  private volatile CompletableFuture<ConnectionPool.Lease> pendingLease;

  private Exchange(ClientContext ctx, Replica replica, Message request, String id, String service, Duration timeout) {
    this.ctx = ctx;
    this.replica = replica;
    this.request = request;
    this.id = id;
    this.service = service;
    this.timeout = timeout;
  }

  /**
   * Sends {@code request} (with id {@code id}) to {@code replica} and waits up to {@code timeout}
   * for a {@link Pong} or {@link HealthResponse} addressed to it.
   */
  public static CompletableFuture<Message> run(ClientContext ctx, Replica replica, Message request, String id,
      String service, Duration timeout) {
    Exchange x = new Exchange(ctx, replica, request, id, service, timeout);
    x.start();
    return x.reply;
  }

  private void start() {
    if (!replica.breaker().mayAllow()) {
      reply.complete(circuitOpen());
      return;
    }
    deadline = ctx.requestDeadlines().newTimeout(t -> expire(), timeout.toNanos(), TimeUnit.NANOSECONDS);
    Optional<WsConnection> idle = ctx.pool().takeIdle(replica.endpoint());
    if (idle.isPresent()) {
      if (admit()) {
        onConnection(idle.get(), null);
      } else {
        ctx.pool().giveBack(idle.get());
      }
      return;
    }
    CompletableFuture<ConnectionPool.Lease> lease = ctx.pool().lease();
    pendingLease = lease;
    if (settled.get()) {
      lease.cancel(false);
    }
    lease.whenComplete(this::onLease);
  }

  private void onLease(ConnectionPool.Lease lease, Throwable err) {
    if (err != null) {
      Throwable cause = err instanceof CompletionException ? err.getCause() : err;
      ClientFailure f = cause instanceof PoolExhaustedException ? ClientFailure.POOL_EXHAUSTED : ClientFailure.ERROR;
      settle(f.reply(cause.getMessage(), id, service, ctx.clock().instant()), false);
      return;
    }
    if (settled.get() || !admit()) {
      lease.release();
      return;
    }
    lease.open(replica.endpoint()).whenComplete(this::onConnection);
  }

  /** Takes the breaker permit; false (and the reply settled) when the breaker refuses. */
  private boolean admit() {
    Optional<ReplicaCall> c = ReplicaCall.tryStart(replica);
    if (c.isEmpty()) {
      settle(circuitOpen(), false);
      return false;
    }
    call = c.get();
    if (settled.get()) {
      // the deadline passed while the permit was being taken: nothing was sent
      c.get().end(false);
      return false;
    }
    return true;
  }

  private void onConnection(WsConnection conn, Throwable err) {
    if (err != null) {
      Throwable cause = err instanceof CompletionException ? err.getCause() : err;
      settle(ClientFailure.UNREACHABLE.reply(cause.getMessage(), id, service, ctx.clock().instant()), true);
      return;
    }
    connection = conn;
    conn.listen(this);
    if (settled.get()) {
      conn.close();
      return;
    }
    conn.send(request);
  }

  private void expire() {
    if (call == null) {
      settle(ClientFailure.POOL_EXHAUSTED.reply("no connection permit for " + replica.endpoint() + " within "
          + timeout.toMillis() + " ms (ANALYZER_MAX_CONNECTIONS)", id, service, ctx.clock().instant()), false);
    } else {
      settle(ClientFailure.TIMEOUT.reply("no reply from " + replica.endpoint() + " within " + timeout.toMillis() + " ms",
          id, service, ctx.clock().instant()), true);
    }
  }

  @Override
  public void onMessage(Message m) {
    if ((m instanceof Pong && id.equals(((Pong) m).correlationId()))
        || (m instanceof HealthResponse && id.equals(((HealthResponse) m).correlationId()))) {
      settle(m, false);
    } else if (m instanceof ErrorMessage && id.equals(((ErrorMessage) m).correlationId())) {
      settle(m, ((ErrorMessage) m).code() == ErrorCode.INTERNAL);
    }
  }

  @Override
  public void onClose(int code, String reason) {
    settle(ClientFailure.UNREACHABLE.reply("connection to " + replica.endpoint() + " closed before the reply", id, service,
        ctx.clock().instant()), true);
  }

  /**
   * Settles once: ends the replica call (if one started), returns or closes the connection, and
   * only then completes the reply, so a caller's next exchange finds the connection idle.
   */
  private void settle(Message m, boolean replicaFailed) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    Timeout d = deadline;
    if (d != null) {
      d.cancel();
    }
    CompletableFuture<ConnectionPool.Lease> lease = pendingLease;
    if (lease != null) {
      // a lease granted at this moment still reaches onLease, which releases it
      lease.cancel(false);
    }
    ReplicaCall c = call;
    if (c != null) {
      c.end(replicaFailed);
    }
    WsConnection conn = connection;
    if (conn != null) {
      if ((m instanceof Pong || m instanceof HealthResponse) && conn.isOpen()) {
        ctx.pool().giveBack(conn);
      } else {
        conn.close();
      }
    }
    reply.complete(m);
  }

  private Message circuitOpen() {
    return ClientFailure.CIRCUIT_OPEN.reply("the circuit breaker of " + replica.endpoint() + " is open", id, service,
        ctx.clock().instant());
  }
}
