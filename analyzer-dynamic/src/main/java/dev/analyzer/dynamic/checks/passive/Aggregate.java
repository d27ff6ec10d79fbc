package dev.analyzer.dynamic.checks.passive;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.report.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings reported once per rule and origin: the most canonical sighting (fewest path segments,
 * then shortest path; the first among equals) gives the location and evidence, so the finding
 * points at the root or a crawled page rather than at a probe path such as {@code /.git/HEAD} that
 * an SPA fallback answered with the same shell; every sighting adds its URL to
 * {@code affected_urls} (at most {@value #MAX_URLS} listed, all counted). Thread-safe.
 */
public final class Aggregate {

  static final int MAX_URLS = 25;

  private record Entry(Rule rule, ProbeResult first, String evidence, String detail, Set<String> urls, int[] count) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** Records that {@code rule} applies to {@code r}; {@code evidence} is the offending value. */
  public synchronized void add(Rule rule, ProbeResult r, String evidence, String detail) {
    String origin = origin(r.url());
    Entry e = entries.computeIfAbsent(rule.id() + " " + origin,
        k -> new Entry(rule, r, evidence, detail, new LinkedHashSet<>(), new int[1]));
    if (rank(r.url()) < rank(e.first.url())) {
      e = new Entry(rule, r, evidence, detail, e.urls, e.count);
      entries.put(rule.id() + " " + origin, e);
    }
    String url = r.url();
    int q = url.indexOf('?');
    String shown = q < 0 ? url : url.substring(0, q);
    if (e.urls.size() < MAX_URLS || e.urls.contains(shown)) {
      if (e.urls.add(shown)) {
        e.count[0]++;
      }
    } else if (!e.urls.contains(shown)) {
      e.count[0]++;
    }
  }

  /** True when {@code rule} was already recorded for {@code url}'s origin. */
  public synchronized boolean has(Rule rule, String url) {
    return entries.containsKey(rule.id() + " " + origin(url));
  }

  /** One finding per rule and origin. */
  public synchronized List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      ProbeResult r = e.first;
      out.add(e.rule.at(r.url(), r.request().method(), null)
          .withMessage(e.rule.title() + (e.detail == null ? "" : ": " + e.detail) + " (" + e.count[0]
              + " URL" + (e.count[0] == 1 ? "" : "s") + " on " + origin(r.url()) + ")")
          .withEvidence(e.evidence)
          .withExtra("affected_urls", List.copyOf(e.urls))
          .withExtra("affected_count", e.count[0])
          .withExtra("request", r.request().excerpt())
          .withExtra("response", r.excerpt(e.evidence)).build());
    }
    return out;
  }

  /** Lower is more canonical: path segments first, then path length. */
  static long rank(String url) {
    String o = origin(url);
    String path = url.substring(o.length()).replaceFirst("[?#].*", "");
    long segments = path.chars().filter(c -> c == '/').count() - (path.endsWith("/") && path.length() > 1 ? 1 : 0);
    return segments * 100_000L + Math.min(path.length(), 99_999);
  }

  static String origin(String url) {
    int s = url.indexOf("://");
    int slash = s < 0 ? -1 : url.indexOf('/', s + 3);
    return slash < 0 ? url : url.substring(0, slash);
  }
}
