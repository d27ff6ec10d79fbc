package dev.analyzer.dynamic.endpoints;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.dynamic.probe.ProbeRequest;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.probe.Prober;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's {@code curl-endpoint-tester}: sends each configured endpoint once (with the scan's
 * login) and records pass or fail against its expected statuses. The endpoints are the user's own
 * list, so their methods are sent as given. Stateless and thread-safe.
 */
public final class EndpointTester {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EndpointTester() {}

  /** The {@code curl-endpoint-tester} section for {@code specs} against {@code p}'s target. */
  public static Map<String, Object> run(Prober p, List<EndpointSpec> specs, java.util.function.LongSupplier nanoTime) {
    long startNanos = nanoTime.getAsLong();
    List<Map<String, Object>> results = new ArrayList<>();
    int passed = 0;
    for (EndpointSpec s : specs) {
      ProbeRequest r;
      try {
        r = s.body() == null ? ProbeRequest.of(s.method(), s.path())
            : s.body() instanceof String text ? ProbeRequest.withBody(s.method(), s.path(), "text/plain", text)
            : ProbeRequest.withBody(s.method(), s.path(), "application/json", JSON.writeValueAsString(s.body()));
      } catch (Exception e) {
        r = ProbeRequest.of(s.method(), s.path());
      }
      ProbeResult res = p.send(r);
      boolean ok = res != null && s.passes(res.status());
      passed += ok ? 1 : 0;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("endpoint", s.path());
      m.put("url", p.url(s.path()));
      m.put("method", s.method());
      m.put("expected_status", s.expectedStatus().isEmpty() ? List.of("2xx") : s.expectedStatus());
      m.put("actual_status", res == null ? null : res.status());
      m.put("passed", ok);
      m.put("duration_seconds", res == null ? null : Math.round(res.seconds() * 1000) / 1000.0);
      if (res == null) {
        m.put("error", p.exhausted() ? "request budget exhausted" : "no response");
      }
      results.add(m);
    }
    Map<String, Object> tests = new LinkedHashMap<>();
    tests.put("passed", passed);
    tests.put("failed", specs.size() - passed);
    tests.put("total", specs.size());
    tests.put("results", results);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "success");
    out.put("tool_name", "curl-endpoint-tester");
    out.put("total_issues", specs.size() - passed);
    out.put("duration_seconds", Math.round((nanoTime.getAsLong() - startNanos) / 1e6) / 1000.0);
    out.put("endpoint_tests", tests);
    return out;
  }
}
