package dev.analyzer.dynamic.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.analyzer.http.client.HttpFailure;
import dev.analyzer.http.client.HttpRequest;
import dev.analyzer.http.client.HttpResponse;
import dev.analyzer.http.client.HttpSession;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.http.target.TargetRefusedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-HTTP forward proxy on 127.0.0.1 that external tools (wapiti, sqlmap) are pointed at, so
 * that the scan's rules hold for them too: every request is checked against the {@link TargetPolicy}
 * (a refused host gets 403 and is never contacted, whatever the tool's payloads or redirects name),
 * sent through the scan's {@link HttpSession} (its request budget, rate and duration caps), and never
 * followed through redirects. CONNECT (https tunnelling) is refused with 405. Thread-safe.
 */
public final class ScanProxy implements AutoCloseable {

  private static final Set<String> HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization",
      "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "accept-encoding");
  private static final Set<String> RESPONSE_SKIP = Set.of("connection", "keep-alive", "transfer-encoding",
      "content-length", "content-encoding", "date");

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpSession session;
  private final TargetPolicy policy;
  private final Duration timeout;
  private final Map<String, ResolvedTarget> checked = new ConcurrentHashMap<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final boolean allowUnsafe;
  private volatile java.util.function.Function<String, List<Map.Entry<String, String>>> login = o -> List.of();
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private ScanProxy(HttpServer server, ExecutorService executor, HttpSession session, TargetPolicy policy,
      Duration timeout, boolean allowUnsafe) {
    this.allowUnsafe = allowUnsafe;
    this.server = server;
    this.executor = executor;
    this.session = session;
    this.policy = policy;
    this.timeout = timeout;
  }

  /**
   * Starts a proxy on an ephemeral loopback port; unless {@code allowUnsafe}, requests with a
   * state-changing method (POST, PUT, PATCH, DELETE, ...) are answered 405 and never forwarded.
   */
  public static ScanProxy start(HttpSession session, TargetPolicy policy, Duration timeout, boolean allowUnsafe)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService ex = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "scan-proxy");
      t.setDaemon(true);
      return t;
    });
    ScanProxy p = new ScanProxy(server, ex, session, policy, timeout, allowUnsafe);
    server.createContext("/", p::handle);
    server.setExecutor(ex);
    server.start();
    return p;
  }

  /**
   * Headers of the scan's login per target origin ({@code Authorization}), added to tool requests
   * that carry none; the session cookie of a login travels in the scan session's cookie jar anyway.
   */
  public void useLogin(java.util.function.Function<String, List<Map.Entry<String, String>>> headersByOrigin) {
    this.login = headersByOrigin;
  }

  /** {@code http://127.0.0.1:<port>}, for the tool's proxy option. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests refused (target policy, or an unsafe method in safe mode). */
  public int refused() {
    return refused.get();
  }

  /** Requests forwarded. */
  public int forwarded() {
    return forwarded.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      URI uri = ex.getRequestURI();
      if (ex.getRequestMethod().equalsIgnoreCase("CONNECT") || uri.getScheme() == null || uri.getHost() == null) {
        reply(ex, 405, "the scan proxy forwards plain http:// requests in absolute form only");
        return;
      }
      if (!allowUnsafe && !SAFE.contains(ex.getRequestMethod().toUpperCase(Locale.ROOT))) {
        refused.incrementAndGet();
        reply(ex, 405, "the scan is safe by default: " + ex.getRequestMethod()
            + " is not forwarded (set config.allow_unsafe_methods)");
        return;
      }
      ResolvedTarget target;
      try {
        Target t = Target.parse(uri.getScheme() + "://" + uri.getRawAuthority());
        target = checked.computeIfAbsent(t.origin(), k -> policy.check(t));
      } catch (TargetRefusedException | IllegalArgumentException e) {
        refused.incrementAndGet();
        reply(ex, 403, "refused by the scan's target policy: " + e.getMessage());
        return;
      }
      String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      HttpRequest.Builder b;
      try {
        b = HttpRequest.builder(target).withMethod(ex.getRequestMethod()).withPath(path).withTimeout(timeout)
            .withMaxBodyBytes(2 * 1024 * 1024, false);
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
          if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
            for (String v : h.getValue()) {
              b.withHeader(h.getKey(), v);
            }
          }
        }
        if (ex.getRequestHeaders().getFirst("Authorization") == null) {
          for (Map.Entry<String, String> h : login.apply(target.target().origin())) {
            b.withHeader(h.getKey(), h.getValue());
          }
        }
      } catch (IllegalArgumentException e) {
        reply(ex, 400, "bad request: " + e.getMessage());
        return;
      }
      byte[] body = ex.getRequestBody().readNBytes(4 * 1024 * 1024);
      if (body.length > 0) {
        b.withBody(body);
      }
      HttpResponse r;
      try {
        r = session.send(b.build()).join();
      } catch (CompletionException e) {
        String why = e.getCause() instanceof HttpFailure f ? f.kind() + ": " + f.getMessage() : String.valueOf(e);
        reply(ex, 502, "the scan proxy could not forward: " + why);
        return;
      }
      forwarded.incrementAndGet();
      r.headers().forEach((k, vs) -> {
        if (!RESPONSE_SKIP.contains(k)) {
          vs.forEach(v -> ex.getResponseHeaders().add(k, v));
        }
      });
      boolean noBody = ex.getRequestMethod().equalsIgnoreCase("HEAD") || r.status() == 204 || r.status() == 304;
      ex.sendResponseHeaders(r.status(), noBody ? -1 : r.body().length == 0 ? -1 : r.body().length);
      if (!noBody && r.body().length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(r.body());
        }
      }
    } catch (RuntimeException e) {
      // a broken exchange (client gone) must not kill the proxy thread
    }
  }

  private static void reply(HttpExchange ex, int status, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
