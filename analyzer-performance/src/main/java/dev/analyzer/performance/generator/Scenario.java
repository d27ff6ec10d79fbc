package dev.analyzer.performance.generator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kind of request of a load test, picked in proportion to its weight. Header names and values,
 * the method and the path are checked so that no request can be split (no CR, LF or blanks where
 * HTTP forbids them). Immutable.
 *
 * @param name a label for the result (default {@code METHOD path})
 * @param method an HTTP method token, such as {@code GET}
 * @param path the request target below the target's base path, starting with {@code /}
 * @param headers extra headers, in order; {@code Host} and {@code Content-Length} are set by the generator
 * @param body the request body, or empty
 * @param expectedStatus the status that counts as success, or 0 for any 2xx
 * @param weight relative share of requests; 1..1000
 */
public record Scenario(String name, String method, String path, Map<String, String> headers, byte[] body,
    int expectedStatus, int weight) {

  public Scenario {
    if (method == null || !method.matches("[A-Za-z!#$%&'*+.^_`|~0-9-]{1,20}")) {
      throw new IllegalArgumentException("scenario method must be an HTTP token, got " + method);
    }
    if (path == null || !path.startsWith("/") || path.length() > 8192 || !path.matches("[\\x21-\\x7e]+")) {
      throw new IllegalArgumentException("scenario path must start with / and hold no blanks or control "
          + "characters (at most 8192), got " + path);
    }
    Map<String, String> h = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> {
        if (k == null || !k.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}")) {
          throw new IllegalArgumentException("scenario header name must be an HTTP token, got " + k);
        }
        if (v == null || v.length() > 8192 || v.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
          throw new IllegalArgumentException("scenario header " + k + " must have a value without CR, LF or NUL "
              + "(at most 8192)");
        }
        if (k.equalsIgnoreCase("host") || k.equalsIgnoreCase("content-length")
            || k.equalsIgnoreCase("transfer-encoding")) {
          throw new IllegalArgumentException("scenario header " + k + " is set by the generator");
        }
        h.put(k, v);
      });
    }
    headers = java.util.Collections.unmodifiableMap(h);
    body = body == null ? new byte[0] : body.clone();
    if (body.length > 1024 * 1024) {
      throw new IllegalArgumentException("scenario body must be at most 1 MiB, got " + body.length + " bytes");
    }
    if (expectedStatus != 0 && (expectedStatus < 100 || expectedStatus > 599)) {
      throw new IllegalArgumentException("scenario expected_status must be 100..599 or 0 (any 2xx), got "
          + expectedStatus);
    }
    if (weight < 1 || weight > 1000) {
      throw new IllegalArgumentException("scenario weight must be 1..1000, got " + weight);
    }
    method = method.toUpperCase(java.util.Locale.ROOT);
    name = name == null || name.isBlank() ? method + " " + path : name;
  }

  /** {@code GET path}, any 2xx, weight 1. */
  public static Scenario get(String path) {
    return new Scenario(null, "GET", path, Map.of(), null, 0, 1);
  }

  /** This scenario with {@code weight}. */
  public Scenario withWeight(int weight) {
    return new Scenario(name, method, path, headers, body, expectedStatus, weight);
  }

  /** True when {@code status} counts as success. */
  public boolean accepts(int status) {
    return expectedStatus == 0 ? status >= 200 && status < 300 : status == expectedStatus;
  }

  /** The body as UTF-8 text (for tools that take it as a string). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scenario s && s.name.equals(name) && s.method.equals(method) && s.path.equals(path)
        && s.headers.equals(headers) && java.util.Arrays.equals(s.body, body) && s.expectedStatus == expectedStatus
        && s.weight == weight;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, method, path, headers, java.util.Arrays.hashCode(body), expectedStatus, weight);
  }

  @Override
  public String toString() {
    return name + " (weight " + weight + ")";
  }
}
