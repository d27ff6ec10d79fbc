package dev.analyzer.dynamic.crawl;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API paths in JavaScript (bundles and inline scripts): {@code fetch(url, {method, body:
 * JSON.stringify({...})})}, {@code axios.get/post/...(url, {...})}, {@code axios({url, method})},
 * jQuery {@code $.get/$.post}, and quoted {@code "/api/..."} strings. Template literals keep their
 * literal parts: a leading {@code ${API_BASE}} is dropped, {@code ${id}} in the path becomes a path
 * parameter with sample 1, {@code ?q=${x}} a query parameter; an empty value ({@code '?id=' + id})
 * gets a plausible sample ({@code id} → 1). Stateless and thread-safe.
 */
public final class ScriptExtractor {

  private static final int MAX_SCRIPT = 4 * 1024 * 1024;
  private static final Pattern FETCH = Pattern.compile("\\bfetch\\(\\s*(['\"`])((?:(?!\\1).){1,300})\\1");
  private static final Pattern AXIOS = Pattern.compile(
      "\\b(?:axios|api|http|client|\\$http)\\.(get|post|put|patch|delete|head)\\(\\s*(['\"`])((?:(?!\\2).){1,300})\\2");
  private static final Pattern AXIOS_CONFIG = Pattern.compile(
      "\\baxios\\(\\s*\\{[^{}]{0,300}?url\\s*:\\s*(['\"`])((?:(?!\\1).){1,300})\\1");
  private static final Pattern JQUERY = Pattern.compile("\\$\\.(get|post|getJSON)\\(\\s*(['\"`])((?:(?!\\2).){1,300})\\2");
  private static final Pattern API_STRING = Pattern.compile("(['\"`])(/(?:api|v[0-9]|rest|graphql)(?:/[^'\"`\\s<>]*)?)\\1");
  private static final Pattern METHOD = Pattern.compile("method\\s*:\\s*['\"`](\\w+)['\"`]");
  private static final Pattern BODY_OBJECT = Pattern.compile("JSON\\.stringify\\(\\s*\\{([^{}]{0,400})\\}");
  private static final Pattern OBJECT_AFTER = Pattern.compile("^\\s*,\\s*\\{([^{}]{0,400})\\}");
  private static final Pattern KEY = Pattern.compile("(?:^|,)\\s*['\"]?([A-Za-z_$][\\w$]{0,40})['\"]?\\s*(?=[:,]|$)");

  private ScriptExtractor() {}

  /** Every request {@code script}, served at {@code base}, seems to make. */
  public static List<Found> extract(URI base, String script) {
    String s = script.length() > MAX_SCRIPT ? script.substring(0, MAX_SCRIPT) : script;
    List<Found> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Matcher m = FETCH.matcher(s);
    while (m.find()) {
      String after = callTail(s, m.end());
      Matcher mm = METHOD.matcher(after);
      String method = mm.find() && mm.start() < 200 ? mm.group(1).toUpperCase(Locale.ROOT) : "GET";
      Matcher body = BODY_OBJECT.matcher(after);
      add(out, seen, base, m.group(2), method, body.find() ? keys(body.group(1)) : List.of());
    }
    m = AXIOS.matcher(s);
    while (m.find()) {
      String method = m.group(1).toUpperCase(Locale.ROOT);
      Matcher obj = OBJECT_AFTER.matcher(s.substring(m.end(), Math.min(s.length(), m.end() + 420)));
      boolean hasBody = !method.equals("GET") && !method.equals("DELETE") && !method.equals("HEAD");
      add(out, seen, base, m.group(3), method, hasBody && obj.find() ? keys(obj.group(1)) : List.of());
    }
    m = AXIOS_CONFIG.matcher(s);
    while (m.find()) {
      Matcher mm = METHOD.matcher(m.group());
      add(out, seen, base, m.group(2), mm.find() ? mm.group(1).toUpperCase(Locale.ROOT) : "GET", List.of());
    }
    m = JQUERY.matcher(s);
    while (m.find()) {
      add(out, seen, base, m.group(3), m.group(1).equals("post") ? "POST" : "GET", List.of());
    }
    m = API_STRING.matcher(s);
    Set<String> paths = new java.util.HashSet<>();
    out.forEach(f -> paths.add(f.uri().getRawPath()));
    while (m.find()) {
      if (!paths.contains(m.group(2).replaceFirst("\\?.*", ""))) {
        add(out, seen, base, m.group(2), "GET", List.of());
      }
    }
    return out;
  }

  /** The rest of the call that starts at {@code from}: up to 400 characters, cut before the next statement or call. */
  private static String callTail(String s, int from) {
    String t = s.substring(from, Math.min(s.length(), from + 400));
    for (String stop : List.of(";", "fetch(", "axios.", "axios(")) {
      int i = t.indexOf(stop);
      if (i >= 0) {
        t = t.substring(0, i);
      }
    }
    return t;
  }

  private static List<String> keys(String objectBody) {
    List<String> keys = new ArrayList<>();
    for (String part : objectBody.split(",")) {
      Matcher k = KEY.matcher(part.trim());
      if (k.find() && !k.group(1).startsWith("...")) {
        keys.add(k.group(1));
      }
    }
    return keys;
  }

  private static void add(List<Found> out, Set<String> seen, URI base, String raw, String method,
      List<String> bodyKeys) {
    String url = raw.replaceFirst("^\\$\\{[^}]{1,80}}", "");
    List<Param> params = new ArrayList<>();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    String query = q < 0 ? "" : url.substring(q + 1);
    if (path.contains("${")) {
      path = path.replaceAll("\\$\\{[^}]{0,80}}", "1");
    }
    StringBuilder cleanQuery = new StringBuilder();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (name.matches("[\\w.\\[\\]-]{1,60}")) {
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        cleanQuery.append(cleanQuery.length() == 0 ? "" : "&").append(name).append('=')
            .append(value.contains("${") ? "1" : value.isEmpty() ? HtmlExtractor.sampleFor(name, "") : value);
      }
    }
    if (!path.startsWith("/") && !path.matches("(?i)https?://.*")) {
      return;
    }
    for (String k : bodyKeys) {
      params.add(new Param(k, Param.Where.JSON, HtmlExtractor.sampleFor(k, "")));
    }
    String full = path + (cleanQuery.length() == 0 ? "" : "?" + cleanQuery);
    if (seen.add(method + " " + full)) {
      HtmlExtractor.add(out, base, full, method, params, "script", false);
    }
  }
}
