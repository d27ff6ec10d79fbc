package dev.analyzer.http.client;

import dev.analyzer.http.target.ResolvedTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request to a {@link ResolvedTarget}: method, path (with query) below the target's base path,
 * extra headers, body, and the per-request policy: how many redirects to follow (0, the default:
 * none), the body cap and what passing it does, and an optional total timeout tighter than the
 * engine's. Immutable; build with {@link #builder(ResolvedTarget)}.
 */
public final class HttpRequest {

  /** The body cap when the request sets none: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  /** The largest {@link Builder#withMaxRedirects(int)}. */
  public static final int MAX_REDIRECTS = 20;

  private final ResolvedTarget target;
  private final String method;
  private final String path;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final int maxRedirects;
  private final int maxBodyBytes;
  private final boolean failOnLargeBody;
  private final Duration timeout;
  private final boolean fromRoot;

  private HttpRequest(Builder b) {
    this.fromRoot = b.fromRoot;
    this.target = b.target;
    this.method = b.method;
    this.path = b.path;
    this.headers = List.copyOf(b.headers);
    this.body = b.body.clone();
    this.maxRedirects = b.maxRedirects;
    this.maxBodyBytes = b.maxBodyBytes;
    this.failOnLargeBody = b.failOnLargeBody;
    this.timeout = b.timeout;
  }

  /** A GET of {@code path}. */
  public static HttpRequest get(ResolvedTarget target, String path) {
    return builder(target).withPath(path).build();
  }

  public static Builder builder(ResolvedTarget target) {
    return new Builder(target);
  }

  public ResolvedTarget target() {
    return target;
  }

  /** The method, upper-case; default {@code GET}. */
  public String method() {
    return method;
  }

  /** The path and query below the target's base path; default {@code /}. */
  public String path() {
    return path;
  }

  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The body; default empty. */
  public byte[] body() {
    return body.clone();
  }

  byte[] bodyUnsafe() {
    return body;
  }

  /** Redirects to follow, each hop re-checked by the engine's target policy; default 0 (off). */
  public int maxRedirects() {
    return maxRedirects;
  }

  /** The cap on the body after decompression; default {@link #DEFAULT_MAX_BODY_BYTES}. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** When true a body past the cap fails the exchange ({@code BODY_TOO_LARGE}); default false (truncate). */
  public boolean failOnLargeBody() {
    return failOnLargeBody;
  }

  /** A total timeout for this request, or {@code null} for the engine's. */
  public Duration timeout() {
    return timeout;
  }

  /** The request-target sent on the wire: base path plus path (a redirect hop's path is from the root). */
  String requestUri() {
    return fromRoot ? path : target.target().basePath() + path;
  }

  /** The absolute URL of this request. */
  java.net.URI uri() {
    return java.net.URI.create(target.target().origin() + requestUri());
  }

  /** A copy of this request for a redirect hop to {@code nextPath}, a path from the root. */
  HttpRequest redirect(ResolvedTarget next, String nextPath, boolean toGet) {
    Builder b = new Builder(next).withPath(nextPath).withMaxRedirects(maxRedirects)
        .withMaxBodyBytes(maxBodyBytes, failOnLargeBody);
    b.timeout = timeout;
    b.fromRoot = true;
    b.method = toGet ? "GET" : method;
    b.body = toGet ? new byte[0] : body;
    boolean sameOrigin = next.target().origin().equals(target.target().origin());
    for (Map.Entry<String, String> h : headers) {
      String n = h.getKey().toLowerCase(Locale.ROOT);
      if ((sameOrigin || !(n.equals("authorization") || n.equals("cookie")))
          && !(toGet && (n.equals("content-type") || n.equals("content-length")))) {
        b.headers.add(h);
      }
    }
    return b.build();
  }

  /** Builds an {@link HttpRequest}; not thread-safe. */
  public static final class Builder {
    private final ResolvedTarget target;
    private String method = "GET";
    private String path = "/";
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private int maxRedirects;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private boolean failOnLargeBody;
    private Duration timeout;
    private boolean fromRoot;

    private Builder(ResolvedTarget target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    public Builder withMethod(String method) {
      if (method == null || !method.matches("[A-Za-z]{1,16}")) {
        throw new IllegalArgumentException("method must be 1..16 letters, got " + method);
      }
      this.method = method.toUpperCase(Locale.ROOT);
      return this;
    }

    /** The path and query, such as {@code /api/items?page=2}; must start with {@code /}. */
    public Builder withPath(String path) {
      if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
        throw new IllegalArgumentException("path must start with / and hold no spaces or controls, got " + path);
      }
      this.path = path;
      return this;
    }

    public Builder withHeader(String name, String value) {
      if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value == null
          || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("bad header " + name + ": " + value);
      }
      headers.add(Map.entry(name, value));
      return this;
    }

    public Builder withBody(byte[] body) {
      this.body = body.clone();
      return this;
    }

    /** Follow up to {@code max} redirects (0..{@value #MAX_REDIRECTS}); 0, the default, follows none. */
    public Builder withMaxRedirects(int max) {
      if (max < 0 || max > MAX_REDIRECTS) {
        throw new IllegalArgumentException("maxRedirects must be 0.." + MAX_REDIRECTS + ", got " + max);
      }
      this.maxRedirects = max;
      return this;
    }

    /** The body cap (0..1 GiB) after decompression; past it the body is cut, or the exchange fails. */
    public Builder withMaxBodyBytes(int max, boolean failWhenLarger) {
      if (max < 0 || max > (1 << 30)) {
        throw new IllegalArgumentException("maxBodyBytes must be 0..1073741824, got " + max);
      }
      this.maxBodyBytes = max;
      this.failOnLargeBody = failWhenLarger;
      return this;
    }

    /** A total timeout (1 ms..1 h) for this request, redirects included. */
    public Builder withTimeout(Duration timeout) {
      if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("timeout must be 1 ms..1 h, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}
