package dev.analyzer.dynamic.checks.active;

import dev.analyzer.dynamic.checks.passive.Aggregate;
import dev.analyzer.dynamic.crawl.Endpoint;
import dev.analyzer.dynamic.probe.ProbeRequest;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.probe.Prober;
import dev.analyzer.dynamic.report.Rules;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Per-origin and per-path probes that use only safe methods: TRACE echoing the request (XST),
 * OPTIONS advertising WebDAV or TRACE-like methods, and CORS (a foreign and a {@code null} Origin
 * sent with GET; reflected or allowed ones reported, once per origin). Stateless and thread-safe.
 */
public final class MethodProbes {

  private static final Set<String> DANGEROUS = Set.of("TRACE", "TRACK", "CONNECT", "PROPFIND", "PROPPATCH", "MKCOL",
      "COPY", "MOVE", "LOCK", "UNLOCK");
  static final String EVIL_ORIGIN = "https://" + InjectionProbes.EVIL_HOST;

  private MethodProbes() {}

  /** TRACE and OPTIONS at the root of {@code p}'s target. */
  public static void methods(Prober p, Aggregate out) {
    String m = ParamUnderTest.marker();
    ProbeResult trace = p.send(ProbeRequest.of("TRACE", "/").withHeader("X-Trace-Probe", m));
    if (trace != null && trace.status() == 200 && trace.body().contains(m)) {
      out.add(Rules.TRACE, trace, "X-Trace-Probe: " + m, "TRACE echoes the request (headers included)");
    }
    ProbeResult options = p.send(ProbeRequest.of("OPTIONS", "/"));
    if (options != null && options.header("allow") != null) {
      for (String method : options.header("allow").toUpperCase(Locale.ROOT).split("[,\\s]+")) {
        if (DANGEROUS.contains(method.trim()) && !(method.trim().equals("TRACE") && out.has(Rules.TRACE, p.url("/")))) {
          out.add(Rules.DANGEROUS_METHODS, options, "Allow: " + options.header("allow"), null);
          break;
        }
      }
    }
  }

  /** CORS on up to {@code max} safe endpoints of {@code endpoints} (API paths first). */
  public static void cors(Prober p, List<Endpoint> endpoints, int max, Aggregate out) {
    List<Endpoint> picked = endpoints.stream().filter(Endpoint::safe)
        .sorted((a, b) -> Boolean.compare(!a.path().startsWith("/api"), !b.path().startsWith("/api"))).limit(max)
        .toList();
    for (Endpoint e : picked) {
      if (p.exhausted()) {
        return;
      }
      ProbeRequest base = Mutation.request(e, null, null);
      ProbeResult r = p.send(new ProbeRequest("GET", base.path(), List.of(), null).withHeader("Origin", EVIL_ORIGIN));
      if (r != null && EVIL_ORIGIN.equals(r.header("access-control-allow-origin"))) {
        boolean creds = "true".equalsIgnoreCase(r.header("access-control-allow-credentials"));
        out.add(Rules.CORS_REFLECTED, r, "Access-Control-Allow-Origin: " + EVIL_ORIGIN
            + (creds ? " with Access-Control-Allow-Credentials: true" : ""), creds ? "with credentials" : null);
      }
      ProbeResult n = p.send(new ProbeRequest("GET", base.path(), List.of(), null).withHeader("Origin", "null"));
      if (n != null && "null".equals(n.header("access-control-allow-origin"))) {
        out.add(Rules.CORS_NULL, n, "Access-Control-Allow-Origin: null", null);
      }
    }
  }
}
