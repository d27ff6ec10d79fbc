package dev.analyzer.dynamic.probe;

import dev.analyzer.http.client.HttpResponse;
import java.util.List;
import java.util.Locale;

/**
 * A response to a {@link ProbeRequest}, with the absolute URL asked and the time it took. The body
 * is decoded once. Immutable.
 *
 * @param request what was sent
 * @param url the absolute URL of the request
 * @param response the response
 * @param elapsedNanos send to complete response
 */
public record ProbeResult(ProbeRequest request, String url, HttpResponse response, long elapsedNanos) {

  /** The status code. */
  public int status() {
    return response.status();
  }

  /** The body as UTF-8 text. */
  public String body() {
    return response.bodyText();
  }

  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    return response.header(name);
  }

  /** Every value of header {@code name} (empty when absent). */
  public List<String> headers(String name) {
    List<String> v = response.headers().get(name.toLowerCase(Locale.ROOT));
    return v == null ? List.of() : v;
  }

  /** The media type, lower-case without parameters ({@code ""} when absent). */
  public String mediaType() {
    String ct = header("content-type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** True for an HTML response ({@code text/html} or {@code application/xhtml+xml}). */
  public boolean isHtml() {
    String m = mediaType();
    return m.equals("text/html") || m.equals("application/xhtml+xml");
  }

  /** Seconds the exchange took. */
  public double seconds() {
    return elapsedNanos / 1e9;
  }

  /** The status line, headers and up to 400 characters of body around {@code needle} (or the body's start). */
  public String excerpt(String needle) {
    StringBuilder b = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ').append(response.reason());
    response.headers().forEach((k, vs) -> {
      if (!k.equals("set-cookie")) {
        vs.forEach(v -> b.append('\n').append(k).append(": ").append(v));
      } else {
        vs.forEach(v -> b.append('\n').append(k).append(": ").append(v.replaceFirst("=[^;]*", "=[redacted]")));
      }
    });
    String body = body();
    if (!body.isEmpty()) {
      int at = needle == null ? -1 : body.indexOf(needle);
      int from = Math.max(0, at < 0 ? 0 : at - 150);
      int to = Math.min(body.length(), from + 400);
      b.append("\n\n").append(from > 0 ? "..." : "").append(body, from, to).append(to < body.length() ? "..." : "");
    }
    return b.toString();
  }
}
