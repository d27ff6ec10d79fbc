package dev.analyzer.http.client;

import dev.analyzer.http.target.ResolvedTarget;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Keep-alive connections to one {@link ResolvedTarget}, always to its pinned address: at most
 * {@code maxConnections} open at once, idle ones reused most-recent first, waiters served in order
 * when a connection comes back or closes; a connection idle for the idle timeout is closed. A channel is handed out only when connected (and, for
 * https, after the TLS handshake). A caller must give every channel it got back through
 * {@link #release(Channel)} (reusable) or close it.
 *
 * <p>Thread-safe (one monitor; no I/O under it).
 */
final class ConnectionPool {

  private static final AttributeKey<Long> IDLE_SINCE = AttributeKey.valueOf(ConnectionPool.class, "idleSince");

  private final ResolvedTarget target;
  private final Bootstrap bootstrap;
  private final int maxConnections;
  private final long idleTimeoutNanos;
  private long idleStamp;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final ArrayDeque<CompletableFuture<Channel>> waiters = new ArrayDeque<>();
  private final Set<Channel> open = new HashSet<>();
  private int opening;
  private long connects;
  private boolean closed;

  ConnectionPool(ResolvedTarget target, Bootstrap bootstrap, int maxConnections, long idleTimeoutNanos) {
    this.target = target;
    this.bootstrap = bootstrap;
    this.maxConnections = maxConnections;
    this.idleTimeoutNanos = idleTimeoutNanos;
  }

  /** A connected channel: an idle one, a new one, or the next one freed when the pool is full. */
  CompletableFuture<Channel> acquire() {
    CompletableFuture<Channel> out = new CompletableFuture<>();
    boolean connect = false;
    synchronized (this) {
      if (closed) {
        out.completeExceptionally(closedFailure());
        return out;
      }
      Channel ch;
      while ((ch = idle.pollLast()) != null) {
        if (ch.isActive()) {
          out.complete(ch);
          return out;
        }
      }
      if (open.size() + opening < maxConnections) {
        opening++;
        connects++;
        connect = true;
      } else {
        waiters.add(out);
      }
    }
    if (connect) {
      connect(out);
    }
    return out;
  }

  /** Gives back a channel whose exchange ended cleanly and whose connection may be reused. */
  void release(Channel ch) {
    CompletableFuture<Channel> waiter;
    synchronized (this) {
      if (closed || !ch.isActive()) {
        waiter = null;
      } else {
        waiter = waiters.poll();
        if (waiter == null) {
          idle.addLast(ch);
          long stamp = ++idleStamp;
          ch.attr(IDLE_SINCE).set(stamp);
          ch.eventLoop().schedule(() -> closeIfStillIdle(ch, stamp), idleTimeoutNanos,
              java.util.concurrent.TimeUnit.NANOSECONDS);
          return;
        }
      }
    }
    if (waiter == null) {
      ch.close();
    } else if (!waiter.complete(ch)) {
      release(ch);
    }
  }

  /** Closes {@code ch} when it has sat idle since {@code stamp} (not borrowed and given back since). */
  private void closeIfStillIdle(Channel ch, long stamp) {
    synchronized (this) {
      Long now = ch.attr(IDLE_SINCE).get();
      if (now == null || now != stamp || !idle.remove(ch)) {
        return;
      }
    }
    ch.close();
  }

  /** How many connections are open now (in use or idle). */
  synchronized int openConnections() {
    return open.size();
  }

  /** How many TCP connections this pool has opened so far. */
  synchronized long connects() {
    return connects;
  }

  /** Closes every connection at once and fails every waiter. */
  void close() {
    Set<Channel> toClose;
    ArrayDeque<CompletableFuture<Channel>> toFail;
    synchronized (this) {
      closed = true;
      toClose = new HashSet<>(open);
      toFail = new ArrayDeque<>(waiters);
      waiters.clear();
      idle.clear();
    }
    toClose.forEach(Channel::close);
    toFail.forEach(w -> w.completeExceptionally(closedFailure()));
  }

  private void connect(CompletableFuture<Channel> out) {
    ChannelFuture cf = bootstrap.connect(target.address());
    Channel ch = cf.channel();
    cf.addListener(f -> {
      if (!f.isSuccess()) {
        connectEnded(null);
        out.completeExceptionally(connectFailure(f.cause()));
        return;
      }
      if (!connectEnded(ch)) {
        ch.close();
        out.completeExceptionally(closedFailure());
        return;
      }
      ch.closeFuture().addListener(c -> closed(ch));
      SslHandler ssl = ch.pipeline().get(SslHandler.class);
      if (ssl == null) {
        handOut(ch, out);
      } else {
        ssl.handshakeFuture().addListener(h -> {
          if (h.isSuccess()) {
            handOut(ch, out);
          } else {
            ch.close();
            out.completeExceptionally(new HttpFailure(HttpFailure.Kind.TLS, "TLS handshake with " + target
                + " failed: " + h.cause().getMessage(), h.cause()));
          }
        });
      }
    });
  }

  private void handOut(Channel ch, CompletableFuture<Channel> out) {
    if (!out.complete(ch)) {
      release(ch);
    }
  }

  private synchronized boolean connectEnded(Channel ch) {
    opening--;
    if (ch == null || closed) {
      return false;
    }
    open.add(ch);
    return true;
  }

  private void closed(Channel ch) {
    boolean connect = false;
    CompletableFuture<Channel> waiter;
    synchronized (this) {
      open.remove(ch);
      idle.remove(ch);
      waiter = closed ? null : waiters.poll();
      if (waiter != null) {
        opening++;
        connects++;
        connect = true;
      }
    }
    if (connect) {
      connect(waiter);
    }
  }

  private HttpFailure connectFailure(Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return new HttpFailure(HttpFailure.Kind.CONNECT_TIMEOUT, "connect to " + target + " timed out", cause);
    }
    if (cause instanceof ConnectException) {
      return new HttpFailure(HttpFailure.Kind.CONNECT_REFUSED, "connect to " + target + " refused: "
          + cause.getMessage(), cause);
    }
    return new HttpFailure(HttpFailure.Kind.CONNECT_REFUSED, "connect to " + target + " failed: " + cause, cause);
  }

  private HttpFailure closedFailure() {
    return new HttpFailure(HttpFailure.Kind.CLOSED, "the HTTP session was closed");
  }
}
