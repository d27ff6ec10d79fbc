package dev.analyzer.ai.endpoints;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One control request against the running app, in the original's {@code control_endpoint_tests}
 * item shape plus {@code admin}. Immutable.
 *
 * @param method HTTP method
 * @param path the template path ({@code :id} already replaced by 1)
 * @param url what was requested
 * @param statusCode the status, or null when no answer came
 * @param passed 200 exactly, or 401/403 for an admin endpoint when no token could be obtained
 * @param error why it failed, or null
 * @param admin whether it is an admin endpoint
 */
public record ControlTestResult(String method, String path, String url, Integer statusCode, boolean passed,
    String error, boolean admin) {

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", path);
    m.put("method", method);
    m.put("url", url);
    m.put("status_code", statusCode);
    m.put("expected_status", 200);
    m.put("passed", passed);
    m.put("admin", admin);
    if (error != null) {
      m.put("error", error);
    }
    return m;
  }
}
