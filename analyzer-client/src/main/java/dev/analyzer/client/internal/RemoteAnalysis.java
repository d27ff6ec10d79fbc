package dev.analyzer.client.internal;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.dedup.RequestDeduplicator;
import dev.analyzer.client.pool.ConnectionPool;
import dev.analyzer.client.pool.PoolExhaustedException;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.client.replica.ReplicaSelector;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.CancelRequest;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One analysis on the wire: picks a replica (breaker permitting), takes a pool permit, opens a fresh
 * connection, sends the request, streams progress, and completes {@link #result()} exactly once,
 * always normally: with the service's terminal reply or a {@link ClientFailure} reply. It moves
 * through the phases of {@link AnalysisPhase} (leasing, connecting, sent, stopping, done), each
 * change a checked transition of its {@link AnalysisState}.
 *
 * <ul>
 *   <li>A replica that cannot be reached, or whose connection drops before the terminal reply, is
 *       recorded as a breaker failure and the request moves to the next replica (analyses are
 *       re-runnable), until replicas or the deadline run out.</li>
 *   <li>A {@code busy} reply moves to the next replica without counting as a failure.</li>
 *   <li>Cancel and the deadline complete the result at once; on an open connection a
 *       {@code cancel_request} follows, and the connection closes when the service answers or after
 *       the grace. The request itself is sent on the connection's event loop in the same task that
 *       enters SENT, so a cancel's {@code cancel_request} can never overtake it.</li>
 *   <li>Every breaker permit is settled once: success when the replica answered, failure on connect
 *       errors, early closes, timeouts and internal errors.</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class RemoteAnalysis implements RequestDeduplicator.SharedCall {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteAnalysis.class);

  private final ClientContext ctx;
  private final AnalysisRequest request;
  private final Duration timeout;
  private final Consumer<ProgressUpdate> progress;
  private final String service;
  private final AnalysisState state;
  private final CompletableFuture<Message> result = new CompletableFuture<>();
  private final List<Replica> tried = new ArrayList<>();
  private volatile Attempt current;
  private volatile String lastError;
  private volatile ScheduledFuture<?> deadline;

  public RemoteAnalysis(ClientContext ctx, AnalysisRequest request, Duration timeout, Consumer<ProgressUpdate> progress) {
    this.ctx = ctx;
    this.request = request;
    this.timeout = timeout;
    this.progress = progress;
    this.service = ClientContext.serviceLabel(request.kind());
    this.state = new AnalysisState(request.id());
  }

  /** The service's replicas taking work now: read on every attempt, so a refresh between attempts counts. */
  private List<Replica> replicas() {
    return ctx.replicas().active(request.kind());
  }

  /** Starts the analysis (in LEASING); returns this. */
  public RemoteAnalysis start() {
    deadline = ctx.timer().schedule(() -> stop(ClientFailure.TIMEOUT,
        "no reply within the deadline of " + timeout.toMillis() / 1000.0 + " s"), timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (!next()) {
      complete(circuitOpen());
    }
    return this;
  }

  @Override
  public CompletableFuture<Message> result() {
    return result;
  }

  /** Cancels: cancel_request to the service, the result completes as {@code cancelled}. */
  @Override
  public void cancel() {
    stop(ClientFailure.CANCELLED, "cancelled by the caller");
  }

  /** The last caller's own deadline passed: ends like the analysis's deadline (cancel_request, timeout). */
  @Override
  public void timeOut() {
    stop(ClientFailure.TIMEOUT, "no reply within the caller's deadline");
  }

  /** In LEASING: asks the pool for a permit for the next replica; false when no replica is left. */
  private boolean next() {
    synchronized (tried) {
      if (ReplicaSelector.order(replicas(), tried).isEmpty()) {
        return false;
      }
    }
    ctx.pool().lease().whenComplete((lease, leaseError) -> {
      try {
        onLease(lease, leaseError);
      } catch (RuntimeException bug) {
        if (lease != null) {
          lease.release();
        }
        failOnBug("taking a connection", bug);
      }
    });
    return true;
  }

  private void onLease(ConnectionPool.Lease lease, Throwable leaseError) {
    if (leaseError != null) {
      Throwable cause = leaseError instanceof CompletionException ? leaseError.getCause() : leaseError;
      ClientFailure f = cause instanceof PoolExhaustedException ? ClientFailure.POOL_EXHAUSTED : ClientFailure.ERROR;
      complete(f.reply(cause.getMessage(), request.id(), service, ctx.clock().instant()));
      return;
    }
    if (state.phase() != AnalysisPhase.LEASING) {
      lease.release();
      return;
    }
    Attempt attempt = acquireReplica();
    if (attempt == null) {
      lease.release();
      complete(lastError == null ? circuitOpen()
          : ClientFailure.UNREACHABLE.reply(lastError, request.id(), service, ctx.clock().instant()));
      return;
    }
    current = attempt;
    if (!state.moveIf(AnalysisPhase.LEASING, AnalysisPhase.CONNECTING)) {
      attempt.end(false);
      lease.release();
      return;
    }
    lease.open(attempt.replica().endpoint()).whenComplete((conn, err) -> {
      try {
        onConnected(attempt, conn, err);
      } catch (RuntimeException bug) {
        attempt.end(true);
        if (conn != null) {
          conn.close();
        }
        failOnBug("connecting", bug);
      }
    });
  }

  private Attempt acquireReplica() {
    synchronized (tried) {
      for (Replica r : ReplicaSelector.order(replicas(), tried)) {
        Optional<ReplicaCall> call = ReplicaCall.tryStart(r);
        if (call.isPresent()) {
          tried.add(r);
          return new Attempt(this, call.get(), request.id());
        }
      }
      return null;
    }
  }

  private void onConnected(Attempt attempt, WsConnection conn, Throwable err) {
    if (err != null) {
      // after a cancel or deadline the client itself drops a connection still in its handshake
      attempt.end(!state.isSettled());
      lastError = (err instanceof CompletionException ? err.getCause() : err).getMessage();
      if (state.moveIf(AnalysisPhase.CONNECTING, AnalysisPhase.LEASING)) {
        LOG.info("analysis {}: {}", request.id(), lastError);
        if (!next()) {
          complete(ClientFailure.UNREACHABLE.reply(lastError, request.id(), service, ctx.clock().instant()));
        }
      } else {
        state.moveIf(AnalysisPhase.STOPPING, AnalysisPhase.DONE);
      }
      return;
    }
    // visible to stop() before SENT is entered: a cancel from now on reaches this connection
    attempt.connected(conn);
    conn.onEventLoop(() -> {
      if (!state.moveIf(AnalysisPhase.CONNECTING, AnalysisPhase.SENT)) {
        attempt.end(false);
        conn.close();
        state.moveIf(AnalysisPhase.STOPPING, AnalysisPhase.DONE);
        return;
      }
      conn.listen(attempt);
      conn.watchLiveness(ctx.settings().pingInterval());
      conn.send(request).whenComplete((v, sendError) -> {
        if (sendError != null) {
          conn.close();
        }
      });
    });
  }

  void onProgress(ProgressUpdate u) {
    if (!state.isSettled()) {
      progress.accept(u);
    }
  }

  /** The service's terminal reply: the result (or, after a cancel, the end of STOPPING). */
  void onTerminal(Attempt attempt, Message reply, boolean replicaFailed) {
    attempt.end(replicaFailed);
    if (!complete(reply)) {
      state.moveIf(AnalysisPhase.STOPPING, AnalysisPhase.DONE);
    }
    attempt.closeSoon(ctx.timer());
  }

  /** {@code busy}: not the replica's failure; the next replica, or the busy reply when none is left. */
  void onBusy(Attempt attempt, ErrorMessage busy) {
    attempt.end(false);
    attempt.closeSoon(ctx.timer());
    if (state.moveIf(AnalysisPhase.SENT, AnalysisPhase.LEASING)) {
      lastError = attempt.replica().endpoint() + " is busy: " + busy.message();
      if (!next()) {
        complete(busy);
      }
    } else {
      state.moveIf(AnalysisPhase.STOPPING, AnalysisPhase.DONE);
    }
  }

  /** The connection closed before the terminal reply: a replica failure unless the client ended it. */
  void onDropped(Attempt attempt, String why) {
    if (!state.moveIf(AnalysisPhase.SENT, AnalysisPhase.LEASING)) {
      // closed after a cancel or by close(): not the replica's failure (a timeout was charged in stop)
      attempt.end(false);
      state.moveIf(AnalysisPhase.STOPPING, AnalysisPhase.DONE);
      return;
    }
    attempt.end(true);
    lastError = why;
    LOG.info("analysis {}: {}", request.id(), why);
    if (!next()) {
      complete(ClientFailure.ERROR.reply(why, request.id(), service, ctx.clock().instant()));
    }
  }

  /** Ends the analysis from the client side (deadline or cancel). */
  private void stop(ClientFailure why, String message) {
    AnalysisPhase left = state.stop();
    if (left == null) {
      return;
    }
    Attempt a = left == AnalysisPhase.LEASING ? null : current;
    WsConnection c = a == null ? null : a.connection();
    if (c != null && why == ClientFailure.TIMEOUT) {
      a.end(true);
    }
    deliver(why.reply(message, request.id(), service, ctx.clock().instant()));
    if (c == null) {
      // LEASING: done, the permit is released when it arrives; CONNECTING: onConnected closes
      return;
    }
    LOG.info("analysis {} {}: cancel_request to {}", request.id(), why, a.replica().endpoint());
    a.cancelRemote(CancelRequest.of(request.id(), message, ctx.clock().instant()), ctx.settings().cancelGrace(),
        ctx.timer(), () -> state.moveIf(AnalysisPhase.STOPPING, AnalysisPhase.DONE));
  }

  private boolean complete(Message reply) {
    if (state.complete() == null) {
      return false;
    }
    deliver(reply);
    return true;
  }

  private void deliver(Message reply) {
    ScheduledFuture<?> d = deadline;
    if (d != null) {
      d.cancel(false);
    }
    result.complete(reply);
  }

  private void failOnBug(String doing, RuntimeException bug) {
    LOG.error("analysis {}: unexpected failure while {}", request.id(), doing, bug);
    complete(ClientFailure.ERROR.reply("client error: " + bug, request.id(), service, ctx.clock().instant()));
  }

  private Message circuitOpen() {
    List<Replica> replicas = replicas();
    return ClientFailure.CIRCUIT_OPEN.reply("the circuit breakers of all " + replicas.size() + " " + service
        + " replicas are open " + replicas.stream().map(r -> r.endpoint().toString()).toList()
        + "; retry after ANALYZER_CIRCUIT_TIMEOUT", request.id(), service, ctx.clock().instant());
  }
}
