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
 *   <li>A caller joins an analysis in flight only when that flight's remote deadline is no earlier
 *       than its own (less {@link #JOIN_TOLERANCE_NANOS}, so identical requests sent together still
 *       merge): the remote analysis was sent with the first caller's deadline and ends there, so a
 *       caller whose deadline is later starts an analysis of its own, a new flight under the same
 *       key that later callers whose deadlines fit it can join. A key may so have several flights;
 *       a caller joins the first (oldest) open one that fits.</li>
 *   <li>Each caller keeps its own deadline ({@link Caller#expire}): a follower with a shorter one
 *       times out at it while the shared analysis goes on for the others.</li>
 *   <li>The remote call is started outside any lock. Lock order: a map bin, then a flight's
 *       monitor; no code holding a flight's monitor touches the map.</li>
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
    private final long deadlineNanos;
    private final Set<Caller> callers = new LinkedHashSet<>();
    private SharedCall call;
    private boolean closed;
    private boolean cancelWhenStarted;

    Flight(DedupKey key, long deadlineNanos) {
      this.key = key;
      this.deadlineNanos = deadlineNanos;
    }

    /** True when a caller whose deadline is {@code mine} may share this flight's remote analysis. */
    boolean fits(long mine) {
      return deadlineNanos == NO_DEADLINE || (mine != NO_DEADLINE && deadlineNanos - mine >= -JOIN_TOLERANCE_NANOS);
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
      boolean last = false;
      synchronized (this) {
        if (!callers.remove(c)) {
          return;
        }
        if (callers.isEmpty() && !closed) {
          closed = true;
          last = true;
          toCancel = call;
          cancelWhenStarted = call == null;
        }
      }
      if (last) {
        remove(this);
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
      remove(this);
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

  /** A deadline for callers that have none (they join and start flights as before deadlines counted). */
  public static final long NO_DEADLINE = Long.MAX_VALUE;
  /** How much earlier than a caller's own deadline a flight's may be for the caller to join it: 250 ms. */
  public static final long JOIN_TOLERANCE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250);

  /** Open flights by key, oldest first; each list is immutable and replaced under the key's bin lock. */
  private final Map<DedupKey, List<Flight>> inFlight = new ConcurrentHashMap<>();

  private void remove(Flight f) {
    inFlight.computeIfPresent(f.key, (k, flights) -> {
      List<Flight> rest = new ArrayList<>(flights);
      rest.remove(f);
      return rest.isEmpty() ? null : List.copyOf(rest);
    });
  }

  /** As {@link #join(DedupKey, String, ProgressListener, long, Function, Function)} with no deadline. */
  public Caller join(DedupKey key, String callerId, ProgressListener listener,
      Function<Consumer<ProgressUpdate>, SharedCall> starter, Function<String, Message> cancelledReply) {
    return join(key, callerId, listener, NO_DEADLINE, starter, cancelledReply);
  }

  /**
   * Joins an analysis in flight for {@code key} whose remote deadline fits {@code deadlineNanos}, or
   * starts one with {@code starter} (which receives the progress fan-out and must not block).
   *
   * @param callerId the caller's own request id; its reply is addressed to it
   * @param deadlineNanos when the caller's deadline passes, on a ticker shared by every caller (the
   *     remote deadline of a flight it starts), or {@link #NO_DEADLINE}
   * @param cancelledReply the reply a cancelled caller gets, given its id
   */
  public Caller join(DedupKey key, String callerId, ProgressListener listener, long deadlineNanos,
      Function<Consumer<ProgressUpdate>, SharedCall> starter, Function<String, Message> cancelledReply) {
    Caller caller = new Caller(callerId, listener == null ? ProgressListener.NONE : listener, cancelledReply);
    Flight[] fresh = new Flight[1];
    inFlight.compute(key, (k, flights) -> {
      if (flights != null) {
        for (Flight f : flights) {
          if (f.fits(deadlineNanos) && f.join(caller)) {
            return flights;
          }
        }
      }
      fresh[0] = new Flight(key, deadlineNanos);
      fresh[0].join(caller);
      List<Flight> more = flights == null ? new ArrayList<>() : new ArrayList<>(flights);
      more.add(fresh[0]);
      return List.copyOf(more);
    });
    if (fresh[0] != null) {
      caller.leader = true;
      fresh[0].started(starter.apply(fresh[0]::progress));
    }
    return caller;
  }

  /** Distinct remote analyses in flight. */
  public int inFlight() {
    int n = 0;
    for (List<Flight> flights : inFlight.values()) {
      n += flights.size();
    }
    return n;
  }

  /** Callers waiting on an analysis another caller started (requests saved by dedup). */
  public int pendingFollowers() {
    int n = 0;
    for (List<Flight> flights : inFlight.values()) {
      for (Flight f : flights) {
        synchronized (f) {
          n += Math.max(0, f.callers.size() - 1);
        }
      }
    }
    return n;
  }
}
