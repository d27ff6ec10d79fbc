package dev.analyzer.dynamic.crawl;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Links, frames, scripts, meta refreshes and forms of an HTML page (jsoup). Stateless and thread-safe. */
public final class HtmlExtractor {

  private HtmlExtractor() {}

  /** Everything {@code html}, served at {@code base}, points to. */
  public static List<Found> extract(URI base, String html) {
    List<Found> out = new ArrayList<>();
    Document doc = Jsoup.parse(html, base.toString());
    for (Element a : doc.select("a[href], area[href], iframe[src], frame[src], link[rel=alternate][href]")) {
      String href = a.hasAttr("href") ? a.attr("href") : a.attr("src");
      add(out, base, href, "GET", List.of(), "link", true);
    }
    for (Element s : doc.select("script[src]")) {
      add(out, base, s.attr("src"), "GET", List.of(), "script", true);
    }
    for (Element m : doc.select("meta[http-equiv]")) {
      if (m.attr("http-equiv").equalsIgnoreCase("refresh")) {
        String c = m.attr("content");
        int i = c.toLowerCase(Locale.ROOT).indexOf("url=");
        if (i >= 0) {
          add(out, base, c.substring(i + 4).replace("'", "").trim(), "GET", List.of(), "link", true);
        }
      }
    }
    for (Element s : doc.select("script:not([src])")) {
      out.addAll(ScriptExtractor.extract(base, s.data()));
    }
    for (Element f : doc.select("form")) {
      String method = f.attr("method").isBlank() ? "GET" : f.attr("method").toUpperCase(Locale.ROOT);
      if (!method.equals("GET") && !method.equals("POST")) {
        method = "POST";
      }
      Param.Where where = method.equals("GET") ? Param.Where.QUERY : Param.Where.FORM;
      List<Param> params = new ArrayList<>();
      for (Element in : f.select("input[name], textarea[name], select[name], button[name]")) {
        String type = in.attr("type").toLowerCase(Locale.ROOT);
        if (type.equals("file") || type.equals("image") || type.equals("reset")) {
          continue;
        }
        String value = in.tagName().equals("select")
            ? in.select("option").stream().findFirst().map(o -> o.hasAttr("value") ? o.attr("value") : o.text())
                .orElse("")
            : in.tagName().equals("textarea") ? in.text() : in.attr("value");
        if (value.isEmpty() && !type.equals("hidden")) {
          value = sampleFor(in.attr("name"), type);
        }
        params.add(new Param(in.attr("name"), where, value));
      }
      String action = f.attr("action").isBlank() ? base.toString() : f.attr("action");
      add(out, base, action, method, params, "form", method.equals("GET") && params.isEmpty());
    }
    return out;
  }

  /** A plausible value for an empty field, so the app takes its normal path. */
  public static String sampleFor(String name, String type) {
    String n = name.toLowerCase(Locale.ROOT);
    if (type.equals("email") || n.contains("mail")) {
      return "probe@example.com";
    }
    if (type.equals("number") || n.endsWith("id") || n.contains("page") || n.contains("count")) {
      return "1";
    }
    if (type.equals("url") || n.contains("url") || n.contains("next") || n.contains("redirect")) {
      return "/";
    }
    if (type.equals("password")) {
      return "Probe-pass-1";
    }
    return "probe";
  }

  static void add(List<Found> out, URI base, String ref, String method, List<Param> params, String source,
      boolean fetch) {
    URI u = resolve(base, ref);
    if (u != null) {
      out.add(new Found(u, method, params, source, fetch));
    }
  }

  /** {@code ref} resolved against {@code base}, fragment dropped; null for non-http links and junk. */
  static URI resolve(URI base, String ref) {
    if (ref == null) {
      return null;
    }
    String r = ref.trim();
    int hash = r.indexOf('#');
    if (hash >= 0) {
      r = r.substring(0, hash);
    }
    if (r.isEmpty() || r.regionMatches(true, 0, "javascript:", 0, 11) || r.regionMatches(true, 0, "mailto:", 0, 7)
        || r.regionMatches(true, 0, "data:", 0, 5) || r.regionMatches(true, 0, "tel:", 0, 4)) {
      return r.isEmpty() && hash >= 0 ? null : r.isEmpty() ? base : null;
    }
    try {
      URI u = base.resolve(new URI(encodeLoose(r)));
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? u : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** Percent-encodes characters a URI refuses (spaces, quotes, braces) but keeps the rest as written. */
  static String encodeLoose(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '{' || c == '}' || c == '|' || c == '\\'
          || c == '^' || c == '`' || c > 126) {
        for (byte x : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          b.append('%').append(String.format("%02X", x & 0xff));
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
