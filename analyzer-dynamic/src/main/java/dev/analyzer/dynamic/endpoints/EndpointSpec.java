package dev.analyzer.dynamic.endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One endpoint of the endpoint tester ({@code config.endpoints[]}): method, path (with {@code :id}
 * style parameters replaced by 1), expected statuses (empty: any 2xx passes) and an optional body
 * (a JSON value or text). Immutable.
 */
public record EndpointSpec(String method, String path, List<Integer> expectedStatus, Object body) {

  public EndpointSpec {
    if (method == null || !method.matches("[A-Za-z]{1,16}")) {
      throw new IllegalArgumentException("config.endpoints[].method must be an HTTP method, got " + method);
    }
    method = method.toUpperCase(Locale.ROOT);
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("config.endpoints[].path must start with /, got " + path);
    }
    path = path.replaceAll(":[A-Za-z_][A-Za-z0-9_]*", "1").replaceAll("\\{[A-Za-z_][A-Za-z0-9_]*}", "1");
    expectedStatus = List.copyOf(expectedStatus);
  }

  /** True when {@code status} passes: one of the expected, or any 2xx when none is given. */
  public boolean passes(int status) {
    return expectedStatus.isEmpty() ? status >= 200 && status < 300 : expectedStatus.contains(status);
  }

  /**
   * Reads one item: {@code {method, path|endpoint, expected_status (int or list), body}}.
   *
   * @throws IllegalArgumentException naming the bad field
   */
  public static EndpointSpec fromMap(Map<?, ?> m) {
    Object path = m.get("path") != null ? m.get("path") : m.get("endpoint");
    Object method = m.get("method") == null ? "GET" : m.get("method");
    List<Integer> expected = new ArrayList<>();
    Object e = m.get("expected_status");
    if (e instanceof Number n) {
      expected.add(n.intValue());
    } else if (e instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof Number)) {
          throw new IllegalArgumentException("config.endpoints[].expected_status must hold numbers, got " + o);
        }
        expected.add(((Number) o).intValue());
      }
    } else if (e != null) {
      throw new IllegalArgumentException("config.endpoints[].expected_status must be a number or list, got " + e);
    }
    return new EndpointSpec(String.valueOf(method), path == null ? null : String.valueOf(path), expected,
        m.get("body"));
  }
}
