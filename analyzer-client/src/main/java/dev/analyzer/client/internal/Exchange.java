package dev.analyzer.client.internal;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.breaker.BreakerPermit;
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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request/reply exchange (ping, health_check) on a pooled connection to one replica: borrows a
 * connection, sends, waits for the reply with the request's id, and gives the connection back for
 * reuse. Goes through the replica's breaker like an analysis. Completes normally, always.
 */
public final class Exchange {

  private Exchange() {}

  /**
   * Sends {@code request} (with id {@code id}) to {@code replica} and waits up to {@code timeout}
   * for a {@link Pong} or {@link HealthResponse} addressed to it.
   */
  public static CompletableFuture<Message> run(ClientContext ctx, Replica replica, Message request, String id,
      String service, Duration timeout) {
    Optional<BreakerPermit> permit = replica.breaker().tryAcquire();
    if (permit.isEmpty()) {
      return CompletableFuture.completedFuture(ClientFailure.CIRCUIT_OPEN.reply("the circuit breaker of "
          + replica.uri() + " is open", id, service, ctx.clock().instant()));
    }
    replica.started();
    long started = System.nanoTime();
    CompletableFuture<Message> reply = new CompletableFuture<>();
    AtomicBoolean settled = new AtomicBoolean();
    @SuppressWarnings("unchecked")
    java.util.function.Consumer<Boolean>[] onDone = new java.util.function.Consumer[1];
    java.util.function.BiConsumer<Message, Boolean> finish = (m, failed) -> {
      if (settled.compareAndSet(false, true)) {
        if (failed) {
          permit.get().failure();
        } else {
          permit.get().success();
        }
        replica.ended(failed, failed ? null : Duration.ofNanos(System.nanoTime() - started));
        if (onDone[0] != null) {
          onDone[0].accept(m instanceof Pong || m instanceof HealthResponse);
        }
        reply.complete(m);
      }
    };
    Timeout timer = ctx.requestDeadlines().newTimeout(t -> finish.accept(ClientFailure.TIMEOUT.reply(
        "no reply from " + replica.uri() + " within " + timeout.toMillis() + " ms", id, service,
        ctx.clock().instant()), true), timeout.toNanos(), TimeUnit.NANOSECONDS);
    ctx.pool().borrow(replica.uri()).whenComplete((conn, err) -> {
      if (err != null) {
        Throwable cause = err instanceof CompletionException ? err.getCause() : err;
        boolean exhausted = cause instanceof PoolExhaustedException;
        ClientFailure f = exhausted ? ClientFailure.POOL_EXHAUSTED : ClientFailure.UNREACHABLE;
        finish.accept(f.reply(cause.getMessage(), id, service, ctx.clock().instant()), !exhausted);
        timer.cancel();
        return;
      }
      onDone[0] = reusable -> {
        timer.cancel();
        if (reusable && conn.isOpen()) {
          ctx.pool().giveBack(conn);
        } else {
          conn.close();
        }
      };
      conn.listen(new WsConnection.Listener() {
        @Override
        public void onMessage(Message m) {
          if ((m instanceof Pong && id.equals(((Pong) m).correlationId()))
              || (m instanceof HealthResponse && id.equals(((HealthResponse) m).correlationId()))) {
            finish.accept(m, false);
          } else if (m instanceof ErrorMessage && id.equals(((ErrorMessage) m).correlationId())) {
            finish.accept(m, ((ErrorMessage) m).code() == ErrorCode.INTERNAL);
          }
        }

        @Override
        public void onClose(int code, String reason) {
          finish.accept(ClientFailure.UNREACHABLE.reply("connection to " + replica.uri() + " closed before the reply",
              id, service, ctx.clock().instant()), true);
        }
      });
      if (settled.get()) {
        conn.close();
        return;
      }
      conn.send(request);
    });
    return reply;
  }
}
