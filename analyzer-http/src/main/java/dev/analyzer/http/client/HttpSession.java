package dev.analyzer.http.client;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetRefusedException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of one analysis: its {@link RequestBudget}, its connection pools (one per
 * {@link ResolvedTarget}) and, when asked, its cookie jar. {@link #close()} (on cancel or deadline)
 * closes every connection at once and fails every request in flight with
 * {@link HttpFailure.Kind#CLOSED}. An idempotent request whose kept-alive connection the server
 * closed before answering is retried once on another connection. Futures complete on an event-loop thread: callbacks must not
 * block (use the {@code *Async} variants to leave the loop).
 *
 * <p>Thread-safe.
 */
public final class HttpSession implements AutoCloseable {

  /** Methods retried once (as a new request of the budget) when a kept-alive connection closed unanswered. */
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

  private final HttpEngine engine;
  private final RequestBudget budget;
  private final CookieJar cookies;
  private final Map<ResolvedTarget, ConnectionPool> pools = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<HttpResponse>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  HttpSession(HttpEngine engine, RequestBudget budget, boolean cookies) {
    this.engine = engine;
    this.budget = budget;
    this.cookies = cookies ? new CookieJar() : null;
  }

  /** The budget every request of this session draws on. */
  public RequestBudget budget() {
    return budget;
  }

  /**
   * Sends {@code request}, following redirects when it asks (each hop re-checked against the
   * engine's target policy and drawn from the budget).
   *
   * @return the response; fails with {@link HttpFailure} (never blocks the caller)
   */
  public CompletableFuture<HttpResponse> send(HttpRequest request) {
    return send(request, budget);
  }

  CompletableFuture<HttpResponse> send(HttpRequest request, RequestBudget budget) {
    CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(closedFailure());
      return result;
    }
    inFlight.add(result);
    result.whenComplete((r, e) -> inFlight.remove(result));
    if (closed) {
      result.completeExceptionally(closedFailure());
      return result;
    }
    Duration total = request.timeout() != null ? request.timeout() : engine.config().totalTimeout();
    var timer = engine.group().next().schedule(() -> result.completeExceptionally(new HttpFailure(
        HttpFailure.Kind.TOTAL_TIMEOUT, request.uri() + " took longer than "
            + total.toMillis() + " ms")), total.toNanos(), TimeUnit.NANOSECONDS);
    result.whenComplete((r, e) -> timer.cancel(false));
    hop(request, 0, budget, result, false);
    return result;
  }

  private void hop(HttpRequest request, int redirects, RequestBudget budget, CompletableFuture<HttpResponse> result,
      boolean retried) {
    if (result.isDone()) {
      return;
    }
    long wait;
    try {
      wait = budget.acquire();
    } catch (HttpFailure f) {
      result.completeExceptionally(f);
      return;
    }
    Runnable go = () -> {
      ConnectionPool pool = pools.computeIfAbsent(request.target(), engine::newPool);
      if (closed) {
        result.completeExceptionally(closedFailure());
        return;
      }
      pool.acquire().whenComplete((ch, err) -> {
        if (err != null) {
          result.completeExceptionally(err);
          return;
        }
        Target t = request.target().target();
        Exchange ex = new Exchange(request, cookies == null ? null : cookies.header(t.host(), t.secure()), budget,
            redirects);
        result.whenComplete((r, e) -> {
          if (e != null) {
            ex.future.completeExceptionally(e);
          }
        });
        ex.future.whenComplete((resp, e) -> {
          if (e != null && ex.staleConnection && !retried && IDEMPOTENT.contains(request.method())) {
            hop(request, redirects, budget, result, true);
          } else if (e != null) {
            result.completeExceptionally(e);
          } else {
            onResponse(request, resp, budget, result);
          }
        });
        ch.pipeline().get(ExchangeHandler.class).start(ch, ex);
      });
    };
    if (wait > 0) {
      engine.group().next().schedule(go, wait, TimeUnit.NANOSECONDS);
    } else {
      go.run();
    }
  }

  private void onResponse(HttpRequest request, HttpResponse resp, RequestBudget budget,
      CompletableFuture<HttpResponse> result) {
    if (cookies != null) {
      cookies.store(request.target().target().host(), resp.headers().get("set-cookie"));
    }
    int s = resp.status();
    boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
    if (!redirect || request.maxRedirects() == 0) {
      result.complete(resp);
      return;
    }
    if (resp.redirects() >= request.maxRedirects()) {
      result.completeExceptionally(new HttpFailure(HttpFailure.Kind.TOO_MANY_REDIRECTS, resp.uri()
          + " redirects again after " + resp.redirects() + " redirects (the request allows " + request.maxRedirects()
          + ")"));
      return;
    }
    String location = resp.header("location");
    URI next;
    Target nextTarget;
    try {
      next = resp.uri().resolve(location.trim());
      nextTarget = Target.parse(next.getScheme() + "://" + next.getRawAuthority());
    } catch (RuntimeException e) {
      result.completeExceptionally(new HttpFailure(HttpFailure.Kind.PROTOCOL, resp.uri() + " redirects to a bad "
          + "Location: " + location, e));
      return;
    }
    ResolvedTarget resolved;
    try {
      resolved = nextTarget.origin().equals(request.target().target().origin()) ? request.target()
          : engine.config().targetPolicy().check(nextTarget);
    } catch (TargetRefusedException e) {
      result.completeExceptionally(new HttpFailure(HttpFailure.Kind.REDIRECT_REFUSED, resp.uri() + " redirects to "
          + next + ", which is refused: " + e.getMessage(), e));
      return;
    }
    String path = (next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath())
        + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
    boolean toGet = s == 303 || ((s == 301 || s == 302) && request.method().equals("POST"));
    hop(request.redirect(resolved, path, toGet), resp.redirects() + 1, budget, result, false);
  }

  /** How many TCP connections this session has opened (a keep-alive check for tests and metrics). */
  public long connectionsOpened() {
    return pools.values().stream().mapToLong(ConnectionPool::connects).sum();
  }

  /** How many connections of this session are open now. */
  public int openConnections() {
    return pools.values().stream().mapToInt(ConnectionPool::openConnections).sum();
  }

  /** Closes every connection at once and fails every request in flight; idempotent. */
  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<HttpResponse> f : inFlight.toArray(new CompletableFuture[0])) {
      f.completeExceptionally(closedFailure());
    }
    pools.values().forEach(ConnectionPool::close);
    engine.forget(this);
  }

  private static HttpFailure closedFailure() {
    return new HttpFailure(HttpFailure.Kind.CLOSED, "the HTTP session was closed");
  }
}
