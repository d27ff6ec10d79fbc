package dev.analyzer.dynamic.report;

import dev.analyzer.core.findings.Finding;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects findings of the engine and the tools, merging those about the same issue: same rule class
 * (a blind and an error-based SQL injection are one class), same URL path and same parameter; for
 * header and banner rules (reported per origin) the same rule and origin. A merged finding lists
 * every tool ({@link Finding#mergedWith}). Thread-safe.
 */
public final class FindingSink {

  private static final Set<String> PER_ORIGIN = Set.of("dyn.csp-missing", "dyn.csp-weak", "dyn.clickjacking",
      "dyn.nosniff-missing", "dyn.referrer-policy-missing", "dyn.permissions-policy-missing", "dyn.hsts-missing",
      "dyn.cookie-no-httponly", "dyn.cookie-no-secure", "dyn.cookie-no-samesite", "dyn.server-version-leak",
      "dyn.x-powered-by", "dyn.dev-server", "dyn.stack-trace", "dyn.cors-wildcard-credentials",
      "dyn.cors-reflected-origin", "dyn.cors-null-origin", "dyn.http-trace", "dyn.dangerous-methods",
      "dyn.mixed-content", "dyn.secret-in-response", "dyn.password-in-response");

  private final Map<String, Finding> byKey = new LinkedHashMap<>();
  private final Map<String, Suspect> suspects = new LinkedHashMap<>();
  private int reported;

  /**
   * A parameter the engine found suspicious for SQL injection (a finding, or a server error that a
   * quote provoked), for sqlmap to confirm.
   *
   * @param url the endpoint URL (without query)
   * @param method the method
   * @param parameter the parameter name
   * @param where query, form or json
   * @param sample a value the app accepts
   * @param otherParams the endpoint's other parameters with their samples (name to value)
   */
  public record Suspect(String url, String method, String parameter, String where, String sample,
      Map<String, String> otherParams) {}

  /** Records {@code s} (once per URL, method and parameter). */
  public synchronized void suspect(Suspect s) {
    suspects.putIfAbsent(s.method() + " " + s.url() + " " + s.parameter(), s);
  }

  /** The suspicious parameters, in the order found. */
  public synchronized List<Suspect> suspects() {
    return new ArrayList<>(suspects.values());
  }

  /** Adds {@code f}, merged into an earlier finding about the same issue. */
  public synchronized void add(Finding f) {
    reported++;
    byKey.merge(key(f), f, Finding::mergedWith);
  }

  public void addAll(List<Finding> fs) {
    fs.forEach(this::add);
  }

  /** The merged findings, most severe first. */
  public synchronized List<Finding> findings() {
    List<Finding> out = new ArrayList<>(byKey.values());
    out.sort(Comparator.comparing(Finding::severity));
    return out;
  }

  /** Findings added before merging. */
  public synchronized int reported() {
    return reported;
  }

  /** The dedup key of {@code f}: rule class + URL path + parameter (rule + origin for per-origin rules). */
  public static String key(Finding f) {
    String rule = f.ruleId().equals("dyn.sqli-blind") ? "dyn.sqli" : f.ruleId();
    String url = f.location() == null || f.location().url() == null ? "" : f.location().url();
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      return rule + " " + url + " " + param(f);
    }
    String origin = (u.getScheme() == null ? "" : u.getScheme()) + "://" + (u.getRawAuthority() == null ? ""
        : u.getRawAuthority());
    if (PER_ORIGIN.contains(rule)) {
      return rule + " " + origin;
    }
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    return rule + " " + origin + path + " " + param(f);
  }

  private static String param(Finding f) {
    return f.location() == null || f.location().parameter() == null ? "" : f.location().parameter();
  }
}
