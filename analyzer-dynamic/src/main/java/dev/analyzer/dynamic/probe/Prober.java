package dev.analyzer.dynamic.probe;

import dev.analyzer.http.client.HttpFailure;
import dev.analyzer.http.client.HttpRequest;
import dev.analyzer.http.client.HttpResponse;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.target.ResolvedTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Sends the engine's requests to one policy-checked target and waits for them: every request goes
 * to the pinned {@link ResolvedTarget} (redirects are never followed, so neither a Location header
 * nor a payload can make the engine reach another host), draws on the session's budget, holds one of
 * the scan's concurrency permits while in flight, carries the login headers of an
 * {@link AuthState}, and is shown to every observer (the passive checks). A 401 answer to a logged-in
 * scan re-establishes the session once per request (at most {@value #MAX_RELOGINS} times a scan).
 *
 * <p>Thread-safe: the checks call {@link #send} from several worker threads.
 */
public final class Prober {

  static final int MAX_RELOGINS = 5;
  private static final int MAX_BODY = 512 * 1024;

  private final HttpSession session;
  private final ResolvedTarget target;
  private final Semaphore permits;
  private final Duration timeout;
  private final LongSupplier nanoTime;
  private final List<Consumer<ProbeResult>> observers = new CopyOnWriteArrayList<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger relogins = new AtomicInteger();
  private volatile boolean exhausted;
  private volatile String exhaustedBy;
  private volatile AuthState auth = AuthState.NONE;

  /** The login a prober carries: headers to add, and how to log in again. */
  public interface AuthState {
    AuthState NONE = new AuthState() {
      @Override
      public List<Map.Entry<String, String>> headers() {
        return List.of();
      }

      @Override
      public boolean relogin(Prober prober) {
        return false;
      }

      @Override
      public boolean isLoginRequest(ProbeRequest r) {
        return false;
      }
    };

    /** Headers every request carries (Authorization, Cookie). */
    List<Map.Entry<String, String>> headers();

    /** Logs in again; true when it worked. */
    boolean relogin(Prober prober);

    /** True for the login request itself (never retried). */
    boolean isLoginRequest(ProbeRequest r);
  }

  public Prober(HttpSession session, ResolvedTarget target, Semaphore permits, Duration timeout, LongSupplier nanoTime) {
    this.session = session;
    this.target = target;
    this.permits = permits;
    this.timeout = timeout;
    this.nanoTime = nanoTime;
  }

  /** The target every request goes to. */
  public ResolvedTarget target() {
    return target;
  }

  /** {@code scheme://host:port} of the target. */
  public String origin() {
    return target.target().origin();
  }

  /** The absolute URL of {@code path} (below the target's base path). */
  public String url(String path) {
    return target.target().resolve(path).toString();
  }

  public void addObserver(Consumer<ProbeResult> observer) {
    observers.add(observer);
  }

  /** The login headers requests of this prober carry (empty without a login). */
  public List<Map.Entry<String, String>> authHeaders() {
    return auth.headers();
  }

  public void setAuth(AuthState auth) {
    this.auth = auth == null ? AuthState.NONE : auth;
  }

  /**
   * Sends {@code r} and waits for the answer.
   *
   * @return the result, or null when the request failed (refused, timed out, budget spent, cancelled)
   */
  public ProbeResult send(ProbeRequest r) {
    ProbeResult res = sendOnce(r);
    if (res != null && res.status() == 401 && auth != AuthState.NONE && !auth.isLoginRequest(r)
        && relogins.incrementAndGet() <= MAX_RELOGINS && auth.relogin(this)) {
      res = sendOnce(r);
    }
    return res;
  }

  /** Sends {@code r} without the relogin step (the login itself uses this). */
  public ProbeResult sendOnce(ProbeRequest r) {
    if (exhausted) {
      return null;
    }
    HttpRequest.Builder b;
    try {
      b = HttpRequest.builder(target).withMethod(r.method()).withPath(r.path()).withTimeout(timeout)
          .withMaxBodyBytes(MAX_BODY, false).withMaxRedirects(0);
      for (Map.Entry<String, String> h : auth.headers()) {
        b.withHeader(h.getKey(), h.getValue());
      }
      for (Map.Entry<String, String> h : r.headers()) {
        b.withHeader(h.getKey(), h.getValue());
      }
      if (r.body().length > 0) {
        b.withBody(r.body());
      }
    } catch (IllegalArgumentException e) {
      failed.incrementAndGet();
      return null;
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    long start = nanoTime.getAsLong();
    try {
      HttpResponse resp = session.send(b.build()).join();
      sent.incrementAndGet();
      ProbeResult res = new ProbeResult(r, url(r.path()), resp, nanoTime.getAsLong() - start);
      for (Consumer<ProbeResult> o : observers) {
        o.accept(res);
      }
      return res;
    } catch (CompletionException e) {
      failed.incrementAndGet();
      if (e.getCause() instanceof HttpFailure f && (f.kind() == HttpFailure.Kind.BUDGET_EXHAUSTED
          || f.kind() == HttpFailure.Kind.CLOSED)) {
        exhausted = true;
        exhaustedBy = f.getMessage();
      }
      return null;
    } finally {
      permits.release();
    }
  }

  /** True once the budget (or the session) refused a request: every later send returns null at once. */
  public boolean exhausted() {
    return exhausted;
  }

  /** Why the budget refused, or null. */
  public String exhaustedBy() {
    return exhaustedBy;
  }

  /** Responses received. */
  public int sent() {
    return sent.get();
  }

  /** Requests that got no response. */
  public int failed() {
    return failed.get();
  }
}
