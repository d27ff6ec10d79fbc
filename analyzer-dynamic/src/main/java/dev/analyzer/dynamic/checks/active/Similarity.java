package dev.analyzer.dynamic.checks.active;

import dev.analyzer.dynamic.probe.ProbeResult;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether two responses are "the same page": same status, and bodies that, once the probe values
 * (raw and escaped) are removed, have lengths within 5% (at least 24 bytes) and 90% of their words in
 * common. Stateless and thread-safe.
 */
public final class Similarity {

  private Similarity() {}

  /** True when {@code a} and {@code b} are the same page after removing {@code noise} values from both. */
  public static boolean same(ProbeResult a, ProbeResult b, String... noise) {
    if (a == null || b == null || a.status() != b.status()) {
      return false;
    }
    return sameText(strip(a.body(), noise), strip(b.body(), noise));
  }

  static boolean sameText(String x, String y) {
    if (x.equals(y)) {
      return true;
    }
    int max = Math.max(x.length(), y.length());
    if (Math.abs(x.length() - y.length()) > Math.max(24, max * 0.05)) {
      return false;
    }
    Set<String> wx = words(x);
    Set<String> wy = words(y);
    if (wx.isEmpty() && wy.isEmpty()) {
      return true;
    }
    Set<String> common = new HashSet<>(wx);
    common.retainAll(wy);
    Set<String> all = new HashSet<>(wx);
    all.addAll(wy);
    return common.size() >= 0.9 * all.size();
  }

  /** {@code body} without every value of {@code noise}, raw, URL-encoded, HTML- and JSON-escaped. */
  public static String strip(String body, String... noise) {
    String out = body;
    for (String n : noise) {
      if (n == null || n.isEmpty()) {
        continue;
      }
      out = out.replace(n, "").replace(Mutation.encode(n), "").replace(json(n), "");
      String h = html(n);
      out = out.replace(h, "").replace(h.replace("&#39;", "&#x27;"), "").replace(h.replace("&#39;", "&#039;"), "")
          .replace(h.replace("&quot;", "&#34;"), "");
    }
    return out;
  }

  static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static Set<String> words(String s) {
    Set<String> out = new HashSet<>();
    for (String w : s.split("[^A-Za-z0-9_]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }
}
