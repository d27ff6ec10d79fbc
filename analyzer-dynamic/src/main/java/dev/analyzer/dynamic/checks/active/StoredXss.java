package dev.analyzer.dynamic.checks.active;

import dev.analyzer.dynamic.crawl.Endpoint;
import dev.analyzer.dynamic.crawl.Param;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.probe.Prober;
import dev.analyzer.dynamic.report.FindingSink;
import dev.analyzer.dynamic.report.Rules;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stored XSS: the XSS tags the probes sent to state-changing endpoints (POST/PUT/PATCH/DELETE, unsafe
 * mode only) are remembered; after the active phase the crawled GET pages are fetched again, and a
 * remembered tag that comes back unescaped in an HTML page is reported at the endpoint and parameter
 * that stored it, with the page that shows it. Caps: {@value #MAX_MARKERS} markers, {@value #MAX_PAGES}
 * pages per target. Thread-safe.
 */
final class StoredXss {

  static final int MAX_MARKERS = 2000;
  static final int MAX_PAGES = 60;

  /** Where a tag was sent. */
  record Sent(Endpoint endpoint, Param param, String label, String payload) {}

  private final Map<String, Sent> sent = new ConcurrentHashMap<>();

  /** Remembers that {@code tag} was sent in {@code payload} through {@code t}, when its endpoint changes state. */
  void remember(ParamUnderTest t, String tag, String payload) {
    if (!t.endpoint.safe() && sent.size() < MAX_MARKERS) {
      sent.put(tag, new Sent(t.endpoint, t.param, t.label(), payload));
    }
  }

  /** Fetches the GET pages of {@code endpoints} again and reports every remembered tag shown unescaped. */
  void check(Prober p, List<Endpoint> endpoints, FindingSink sink) {
    if (sent.isEmpty()) {
      return;
    }
    Set<String> reported = new HashSet<>();
    int pages = 0;
    for (Endpoint e : endpoints) {
      if (!e.method().equals("GET") || pages >= MAX_PAGES || p.exhausted()) {
        continue;
      }
      pages++;
      ProbeResult r = p.send(Mutation.request(e, null, null));
      if (r == null || !r.isHtml()) {
        continue;
      }
      Map<String, Sent> shown = new LinkedHashMap<>();
      sent.forEach((tag, s) -> {
        if (r.body().contains(tag)) {
          shown.put(tag, s);
        }
      });
      for (Map.Entry<String, Sent> x : shown.entrySet()) {
        Sent s = x.getValue();
        if (!reported.add(s.endpoint().key() + " " + s.label())) {
          continue;
        }
        sink.add(Rules.XSS_STORED.at(p.url(s.endpoint().path()), s.endpoint().method(), s.label())
            .withMessage("The value of " + s.label() + " sent to " + s.endpoint().key() + " is stored and shown "
                + "unescaped on " + r.url() + ": every visitor of that page runs the attacker's script.")
            .withEvidence(x.getKey()).withExtra("payload", s.payload()).withExtra("shown_at", r.url())
            .withExtra("parameter_in", s.param().where().name().toLowerCase(java.util.Locale.ROOT))
            .withExtra("request", r.request().excerpt()).withExtra("response", r.excerpt(x.getKey())).build());
      }
    }
  }
}
