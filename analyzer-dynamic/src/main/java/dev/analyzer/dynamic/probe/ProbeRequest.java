package dev.analyzer.dynamic.probe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the engine sends: method, path with query (already percent-encoded), extra headers
 * and body. Immutable.
 *
 * @param method upper-case method
 * @param path path and query below the target, starting with {@code /}
 * @param headers extra headers, in order
 * @param body the body (empty for none)
 * @param secretBody true when the body holds credentials and must never be shown
 */
public record ProbeRequest(String method, String path, List<Map.Entry<String, String>> headers, byte[] body,
    boolean secretBody) {

  /** A request whose body may be shown in evidence. */
  public ProbeRequest(String method, String path, List<Map.Entry<String, String>> headers, byte[] body) {
    this(method, path, headers, body, false);
  }

  public ProbeRequest {
    method = method.toUpperCase(Locale.ROOT);
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body.clone();
  }

  /** A GET of {@code path}. */
  public static ProbeRequest get(String path) {
    return new ProbeRequest("GET", path, List.of(), null);
  }

  /** {@code method} of {@code path} with no body. */
  public static ProbeRequest of(String method, String path) {
    return new ProbeRequest(method, path, List.of(), null);
  }

  /** {@code method} of {@code path} with {@code body} of {@code contentType}. */
  public static ProbeRequest withBody(String method, String path, String contentType, String body) {
    return new ProbeRequest(method, path, List.of(Map.entry("Content-Type", contentType)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** This request with header {@code name: value} added. */
  public ProbeRequest withHeader(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(headers);
    h.add(Map.entry(name, value));
    return new ProbeRequest(method, path, h, body, secretBody);
  }

  /** This request with its body never shown in evidence (a login carries credentials). */
  public ProbeRequest withSecretBody() {
    return new ProbeRequest(method, path, headers, body, true);
  }

  /** The path without its query. */
  public String pathOnly() {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  /** The request as evidence: request line, the extra headers (auth headers redacted) and up to 512 bytes of body. */
  public String excerpt() {
    StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1");
    for (Map.Entry<String, String> h : headers) {
      String n = h.getKey().toLowerCase(Locale.ROOT);
      boolean secret = n.equals("authorization") || n.equals("cookie") || n.contains("token") || n.contains("api-key");
      b.append('\n').append(h.getKey()).append(": ").append(secret ? "[redacted]" : h.getValue());
    }
    if (body.length > 0 && secretBody) {
      b.append("\n\n[").append(body.length).append(" bytes redacted: credentials]");
    } else if (body.length > 0) {
      String text = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8);
      b.append("\n\n").append(text);
    }
    return b.toString();
  }
}
