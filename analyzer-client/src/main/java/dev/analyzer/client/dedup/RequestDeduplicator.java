package dev.analyzer.client.dedup;

import dev.analyzer.client.ProgressListener;
import dev.analyzer.client.internal.Replies;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Singleflight for analyses: concurrent callers with the same {@link DedupKey} share one remote
 * analysis, and each gets its own future (and progress, and reply addressed to its own request id).
 *
 * <ul>
 *   <li>One caller's cancel completes only its own future; the remote analysis is cancelled when
 *       the last caller has cancelled.</li>
 *   <li>When the remote analysis ends, its entry leaves the map <em>before</em> the callers' futures
 *       complete, so a later caller starts a fresh analysis: results and failures are shared, never
 *       cached.</li>
 *   <li>Each caller keeps its own deadline ({@link Caller#expire}): a follower with a shorter one
 *       times out at it while the shared analysis goes on for the others.</li>
 *   <li>The remote call is started outside any lock.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class RequestDeduplicator {

  private static final Logger LOG = LoggerFactory.getLogger(RequestDeduplicator.class);

  /** The remote analysis shared by a flight's callers. */
  public interface SharedCall {
    /** Completes normally with the terminal reply. */
    CompletableFuture<Message> result();

    /** Cancels the remote analysis. */
    void cancel();

    /** Ends the remote analysis because its last caller's deadline passed; by default a cancel. */
    default void timeOut() {
      cancel();
    }
  }

  /** One caller of a flight. */
  public final class Caller {
    private final String id;
    private final ProgressListener listener;
    private final CompletableFuture<Message> future = new CompletableFuture<>();
    private final Function<String, Message> cancelledReply;
    private Flight flight;
    private boolean leader;

    private Caller(String id, ProgressListener listener, Function<String, Message> cancelledReply) {
      this.id = id;
      this.listener = listener;
      this.cancelledReply = cancelledReply;
    }

    /** This caller's reply: the shared result addressed to its id, or its own cancellation. */
    public CompletableFuture<Message> future() {
      return future;
    }

    /** True when this caller started the remote analysis; false when it joined one. */
    public boolean isLeader() {
      return leader;
    }

    /**
     * Completes this caller's future with its cancelled reply; the remote analysis is cancelled only
     * when no caller is left.
     */
    public void cancel() {
      flight.leave(this, cancelledReply.apply(id), false);
    }

    /**
     * This caller's own deadline passed: its future completes with {@code reply} (its timeout),
     * whatever the shared analysis's deadline; the shared analysis goes on for the other callers and
     * is ended ({@link SharedCall#timeOut()}) only when no caller is left.
     */
    public void expire(Message reply) {
      flight.leave(this, reply, true);
    }
  }

  private final class Flight {
    private final DedupKey key;
    private final Set<Caller> callers = new LinkedHashSet<>();
    private SharedCall call;
    private boolean closed;
    private boolean cancelWhenStarted;

    Flight(DedupKey key) {
      this.key = key;
    }

    synchronized boolean join(Caller c) {
      if (closed) {
        return false;
      }
      callers.add(c);
      c.flight = this;
      return true;
    }

    void leave(Caller c, Message reply, boolean timedOut) {
      SharedCall toCancel = null;
      synchronized (this) {
        if (!callers.remove(c)) {
          return;
        }
        if (callers.isEmpty() && !closed) {
          closed = true;
          inFlight.remove(key, this);
          toCancel = call;
          cancelWhenStarted = call == null;
        }
      }
      c.future.complete(reply);
      if (toCancel != null) {
        if (timedOut) {
          toCancel.timeOut();
        } else {
          toCancel.cancel();
        }
      }
    }

    void started(SharedCall started) {
      boolean cancelNow;
      synchronized (this) {
        call = started;
        cancelNow = cancelWhenStarted;
      }
      if (cancelNow) {
        started.cancel();
      }
      started.result().whenComplete((reply, error) -> finish(reply));
    }

    void progress(ProgressUpdate u) {
      List<Caller> now;
      synchronized (this) {
        now = new ArrayList<>(callers);
      }
      for (Caller c : now) {
        try {
          c.listener.onProgress(Replies.forCaller(u, c.id));
        } catch (RuntimeException e) {
          LOG.warn("progress listener of {} failed", c.id, e);
        }
      }
    }

    private void finish(Message reply) {
      inFlight.remove(key, this);
      List<Caller> now;
      synchronized (this) {
        closed = true;
        now = new ArrayList<>(callers);
        callers.clear();
      }
      for (Caller c : now) {
        c.future.complete(Replies.forCaller(reply, c.id));
      }
    }
  }

  private final Map<DedupKey, Flight> inFlight = new ConcurrentHashMap<>();

  /**
   * Joins the analysis in flight for {@code key}, or starts one with {@code starter} (which receives
   * the progress fan-out and must not block).
   *
   * @param callerId the caller's own request id; its reply is addressed to it
   * @param cancelledReply the reply a cancelled caller gets, given its id
   */
  public Caller join(DedupKey key, String callerId, ProgressListener listener,
      Function<Consumer<ProgressUpdate>, SharedCall> starter, Function<String, Message> cancelledReply) {
    Caller caller = new Caller(callerId, listener == null ? ProgressListener.NONE : listener, cancelledReply);
    while (true) {
      Flight existing = inFlight.get(key);
      if (existing != null) {
        if (existing.join(caller)) {
          return caller;
        }
        inFlight.remove(key, existing);
        continue;
      }
      Flight fresh = new Flight(key);
      fresh.join(caller);
      if (inFlight.putIfAbsent(key, fresh) == null) {
        caller.leader = true;
        fresh.started(starter.apply(fresh::progress));
        return caller;
      }
    }
  }

  /** Distinct remote analyses in flight. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Callers waiting on an analysis another caller started (requests saved by dedup). */
  public int pendingFollowers() {
    int n = 0;
    for (Flight f : inFlight.values()) {
      synchronized (f) {
        n += Math.max(0, f.callers.size() - 1);
      }
    }
    return n;
  }
}
