package dev.analyzer.client.internal;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.pool.ConnectionPool;
import dev.analyzer.client.pool.PoolExhaustedException;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.client.replica.ReplicaSelector;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.CancelRequest;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.StatusUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One analysis on the wire: picks a replica (breaker permitting), takes a pool permit, opens a fresh
 * connection, sends the request, streams progress, and completes {@link #result()} exactly once,
 * always normally: with the service's terminal reply or a {@link ClientFailure} reply.
 *
 * <ul>
 *   <li>A replica that cannot be reached, or whose connection drops before the terminal reply, is
 *       recorded as a breaker failure and the request moves to the next replica (analyses are
 *       re-runnable), until replicas or the deadline run out.</li>
 *   <li>A {@code busy} reply moves to the next replica without counting as a failure.</li>
 *   <li>Cancel and the deadline send {@code cancel_request} on the open connection, complete the
 *       result at once, and close the connection when the service answers or after the grace.</li>
 *   <li>Every breaker permit is settled once: success when the replica answered, failure on connect
 *       errors, early closes, timeouts and internal errors.</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class RemoteAnalysis implements dev.analyzer.client.dedup.RequestDeduplicator.SharedCall {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteAnalysis.class);

  private final ClientContext ctx;
  private final AnalysisRequest request;
  private final Duration timeout;
  private final Consumer<ProgressUpdate> progress;
  private final List<Replica> replicas;
  private final String service;
  private final CompletableFuture<Message> result = new CompletableFuture<>();
  private final AtomicBoolean done = new AtomicBoolean();
  private final List<Replica> tried = new ArrayList<>();
  private volatile Attempt current;
  private volatile String lastError;
  private volatile ScheduledFuture<?> deadline;

  /** One try on one replica. */
  private final class Attempt implements dev.analyzer.client.internal.WsConnection.Listener {
    final Replica replica;
    final ReplicaCall call;
    volatile WsConnection connection;
    volatile boolean terminal;

    Attempt(ReplicaCall call) {
      this.replica = call.replica();
      this.call = call;
    }

    void end(boolean failed) {
      call.end(failed);
    }

    @Override
    public void onMessage(Message m) {
      if (m instanceof ProgressUpdate) {
        if (!done.get()) {
          progress.accept((ProgressUpdate) m);
        }
      } else if (m instanceof StatusUpdate) {
        StatusUpdate s = (StatusUpdate) m;
        if (!done.get()) {
          progress.accept(new ProgressUpdate(request.id(), s.service(), s.stage(), s.message(), null, null, null,
              s.timestamp(), Map.of()));
        }
      } else if (m instanceof AnalysisResult && addressedToUs(((AnalysisResult) m).correlationId())) {
        terminal = true;
        AnalysisResult r = (AnalysisResult) m;
        end(r.error() != null && r.error().startsWith("internal error"));
        complete(r);
        closeSoon();
      } else if (m instanceof ErrorMessage && addressedToUs(((ErrorMessage) m).correlationId())) {
        terminal = true;
        ErrorMessage e = (ErrorMessage) m;
        if (e.code() == ErrorCode.BUSY && !done.get()) {
          end(false);
          closeSoon();
          lastError = replica.uri() + " is busy: " + e.message();
          if (!next()) {
            complete(e);
          }
          return;
        }
        end(e.code() == null || e.code() == ErrorCode.INTERNAL);
        complete(e);
        closeSoon();
      }
    }

    @Override
    public void onUndecodable(String text, RuntimeException error) {
      LOG.debug("ignoring a frame from {} that does not decode: {}", replica.uri(), error.getMessage());
    }

    @Override
    public void onClose(int code, String reason) {
      if (terminal) {
        return;
      }
      if (done.get()) {
        // closed after a cancel or by close(): not the replica's failure (a timeout was charged in stop)
        end(false);
        return;
      }
      end(true);
      lastError = "connection to " + replica.uri() + " closed before the terminal reply"
          + (code > 0 ? " (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")"
          : reason == null || reason.isEmpty() ? "" : ": " + reason);
      if (done.get()) {
        return;
      }
      LOG.info("analysis {}: {}", request.id(), lastError);
      if (!next()) {
        complete(ClientFailure.ERROR.reply(lastError, request.id(), service, ctx.clock().instant()));
      }
    }

    private boolean addressedToUs(String correlationId) {
      return correlationId == null || correlationId.isEmpty() || correlationId.equals(request.id());
    }

    void closeSoon() {
      WsConnection c = connection;
      if (c != null) {
        ctx.timer().schedule(c::close, 1, TimeUnit.SECONDS);
      }
    }
  }

  public RemoteAnalysis(ClientContext ctx, AnalysisRequest request, Duration timeout, Consumer<ProgressUpdate> progress) {
    this.ctx = ctx;
    this.request = request;
    this.timeout = timeout;
    this.progress = progress;
    this.replicas = ctx.replicas().get(request.kind());
    this.service = ClientContext.serviceLabel(request.kind());
  }

  /** Starts the analysis; returns this. */
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

  /**
   * Starts the next attempt on the best replica not tried yet.
   *
   * @return false when no replica is left (the caller completes the result)
   */
  private synchronized boolean next() {
    if (done.get()) {
      return true;
    }
    if (ReplicaSelector.order(replicas, tried).isEmpty()) {
      return false;
    }
    ConnectionPool pool = ctx.pool();
    pool.lease().whenComplete((lease, leaseError) -> {
      try {
        onLease(lease, leaseError);
      } catch (RuntimeException bug) {
        LOG.error("analysis {}: unexpected failure while taking a connection", request.id(), bug);
        if (lease != null) {
          lease.release();
        }
        complete(ClientFailure.ERROR.reply("client error: " + bug, request.id(), service, ctx.clock().instant()));
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
    if (done.get()) {
      lease.release();
      return;
    }
    Attempt attempt = acquireReplica();
    if (attempt == null) {
      lease.release();
      complete(tried.isEmpty() || lastError == null ? circuitOpen()
          : ClientFailure.UNREACHABLE.reply(lastError, request.id(), service, ctx.clock().instant()));
      return;
    }
    current = attempt;
    lease.open(attempt.replica.uri()).whenComplete((conn, err) -> connected(attempt, conn, err));
  }

  private synchronized Attempt acquireReplica() {
    for (Replica r : ReplicaSelector.order(replicas, tried)) {
      Optional<ReplicaCall> call = ReplicaCall.tryStart(r);
      if (call.isPresent()) {
        tried.add(r);
        return new Attempt(call.get());
      }
    }
    return null;
  }

  private void connected(Attempt attempt, WsConnection conn, Throwable err) {
    try {
      onConnected(attempt, conn, err);
    } catch (RuntimeException bug) {
      LOG.error("analysis {}: unexpected failure after connecting", request.id(), bug);
      attempt.end(true);
      if (conn != null) {
        conn.close();
      }
      complete(ClientFailure.ERROR.reply("client error: " + bug, request.id(), service, ctx.clock().instant()));
    }
  }

  private void onConnected(Attempt attempt, WsConnection conn, Throwable err) {
    if (err != null) {
      Throwable cause = err instanceof CompletionException ? err.getCause() : err;
      // after a cancel or deadline the client itself drops a connection still in its handshake
      attempt.end(!done.get());
      lastError = cause.getMessage();
      LOG.info("analysis {}: {}", request.id(), lastError);
      if (!done.get() && !next()) {
        complete(ClientFailure.UNREACHABLE.reply(lastError, request.id(), service, ctx.clock().instant()));
      }
      return;
    }
    attempt.connection = conn;
    if (done.get()) {
      attempt.end(false);
      conn.close();
      return;
    }
    conn.listen(attempt);
    conn.watchLiveness(ctx.settings().pingInterval());
    conn.send(request).whenComplete((v, sendError) -> {
      if (sendError != null) {
        conn.close();
      }
    });
  }

  /** Ends the analysis from the client side (deadline or cancel). */
  private void stop(ClientFailure why, String message) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    Attempt a = current;
    WsConnection c = a == null ? null : a.connection;
    if (c != null && why == ClientFailure.TIMEOUT) {
      a.end(true);
    }
    deliver(why.reply(message, request.id(), service, ctx.clock().instant()));
    if (c == null) {
      return;
    }
    if (c.isOpen()) {
      LOG.info("analysis {} {}: sending cancel_request to {}", request.id(), why, a.replica.uri());
      c.send(CancelRequest.of(request.id(), message, ctx.clock().instant()));
      ctx.timer().schedule(() -> {
        a.end(false);
        c.close();
      }, ctx.settings().cancelGrace().toNanos(), TimeUnit.NANOSECONDS);
    } else {
      a.end(false);
    }
  }

  private boolean complete(Message reply) {
    if (!done.compareAndSet(false, true)) {
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

  private Message circuitOpen() {
    return ClientFailure.CIRCUIT_OPEN.reply("the circuit breakers of all " + replicas.size() + " " + service
        + " replicas are open " + replicaUrls() + "; retry after ANALYZER_CIRCUIT_TIMEOUT", request.id(), service,
        ctx.clock().instant());
  }

  private String replicaUrls() {
    List<String> urls = new ArrayList<>();
    for (Replica r : replicas) {
      urls.add(r.uri().toString());
    }
    return urls.toString();
  }
}
