package dev.analyzer.dynamic.checks.active;

import dev.analyzer.dynamic.crawl.Param;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.report.Rules;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Probes whose proof is in one response: reflected XSS (a unique tag reflected unescaped in an HTML
 * response), SSTI (arithmetic markers evaluated), command injection by echo (a shell-computed marker),
 * path traversal (/etc/passwd or win.ini contents), open redirect (Location to a foreign host; never
 * followed) and CRLF injection (an injected response header). Each proof must be absent from the
 * baseline response. Stateless and thread-safe.
 */
final class InjectionProbes {

  private static final Pattern PASSWD = Pattern.compile("root:[^:\\n]{0,20}:0:0:");
  private static final Pattern WIN_INI = Pattern.compile("; for 16-bit app support|\\[fonts\\]\\s*\\[extensions\\]");
  private static final Pattern REDIRECT_NAME = Pattern.compile(
      "(?i)(url|uri|next|redir|redirect|return|returnto|return_to|returnurl|goto|dest|destination|continue|target"
          + "|callback|forward|link|to|out|location|back|success_url)");
  static final String EVIL_HOST = "evil.example";

  private InjectionProbes() {}

  static void run(ParamUnderTest t) {
    xss(t);
    ssti(t);
    commandEcho(t);
    traversal(t);
    redirect(t);
    crlf(t);
  }

  static void xss(ParamUnderTest t) {
    String m = ParamUnderTest.marker();
    String tag = "<" + m + "x>";
    String payload = t.after(m + "\"'" + tag);
    t.stored.remember(t, tag, payload);
    ProbeResult r = t.send(payload);
    if (r != null && r.isHtml() && r.body().contains(tag) && !t.baseline.body().contains(tag)) {
      t.report(Rules.XSS, r, payload, tag, "The value of " + t.label() + " is reflected unescaped in an HTML page: "
          + "an attacker's link can run script in the victim's session.");
      return;
    }
    if (r != null && r.isHtml() && r.body().contains(m)) {
      attribute(t);
      if (!t.found(Rules.XSS)) {
        scriptString(t);
      }
    }
  }

  /**
   * A reflection inside a quoted JavaScript string of a {@code <script>} block whose quote is not
   * escaped: the value can end the string and run its own statement. Reported only when the probe's
   * quote comes back raw, inside a script block, after an odd number of unescaped quotes of its kind
   * (so it really closes the string the value was in).
   */
  static void scriptString(ParamUnderTest t) {
    for (String q : List.of("'", "\"", "`")) {
      String a = ParamUnderTest.marker();
      String b = ParamUnderTest.marker();
      String payload = t.after(a + q + ";" + b + ";//");
      ProbeResult r = t.send(payload);
      if (r == null || !r.isHtml()) {
        return;
      }
      String body = r.body();
      String proof = a + q + ";" + b;
      int at = body.indexOf(proof);
      if (at > 0 && insideString(body, at, q.charAt(0)) && !t.baseline.body().contains(proof)) {
        t.report(Rules.XSS, r, payload, proof, "The value of " + t.label() + " is reflected inside a JavaScript "
            + "string of a script block with its quote unescaped: it can end the string and run script.");
        return;
      }
    }
  }

  /** True when {@code at} is inside a {@code <script>} block, in a string literal opened by {@code quote}. */
  static boolean insideString(String body, int at, char quote) {
    String lower = body.substring(0, at).toLowerCase(Locale.ROOT);
    int open = lower.lastIndexOf("<script");
    if (open < 0 || lower.lastIndexOf("</script", at) > open) {
      return false;
    }
    int start = body.indexOf('>', open);
    if (start < 0 || start >= at) {
      return false;
    }
    int quotes = 0;
    for (int i = start + 1; i < at; i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }

  /** A reflection inside a tag whose quote is not escaped: the value can add an event-handler attribute. */
  static void attribute(ParamUnderTest t) {
    for (String q : List.of("\"", "'")) {
      String a = ParamUnderTest.marker();
      String payload = t.after(q + " " + a + "=1 x=" + q);
      ProbeResult r = t.send(payload);
      if (r == null || !r.isHtml()) {
        return;
      }
      String body = r.body();
      int at = body.indexOf(q + " " + a + "=1");
      if (at > 0 && body.lastIndexOf('<', at) > body.lastIndexOf('>', at)) {
        t.report(Rules.XSS, r, payload, q + " " + a + "=1", "The value of " + t.label() + " is reflected inside an "
            + "HTML tag with its quote unescaped: it can add an event handler such as onfocus.");
        return;
      }
    }
  }

  static void ssti(ParamUnderTest t) {
    for (String p : List.of("{{913*97}}", "${913*97}", "<%= 913*97 %>", "#{913*97}", "{{=913*97}}")) {
      String m = ParamUnderTest.marker();
      String payload = t.after(m + p + m);
      ProbeResult r = t.send(payload);
      String proof = m + "88561" + m;
      if (r != null && r.body().contains(proof)) {
        t.report(Rules.SSTI, r, payload, proof, "The template expression " + p + " in " + t.label()
            + " was evaluated by the server (913*97 = 88561).");
        return;
      }
      if (t.prober.exhausted()) {
        return;
      }
    }
  }

  static void commandEcho(ParamUnderTest t) {
    for (String sep : List.of(";", "|", "&&", "\n", "$(", "`")) {
      String a = ParamUnderTest.marker();
      String b = ParamUnderTest.marker();
      String cmd = "echo " + a + "$((4111*7))" + b;
      String payload = sep.equals("$(") ? t.after("$(" + cmd + ")") : sep.equals("`") ? t.after("`" + cmd + "`")
          : t.after(sep + cmd + (sep.equals("\n") ? "\n" : ";"));
      ProbeResult r = t.send(payload);
      String proof = a + "28777" + b;
      if (r != null && r.body().contains(proof)) {
        t.report(Rules.COMMAND_INJECTION, r, payload, proof, "A shell ran the command injected through "
            + t.label() + " (echo of a computed value came back).");
        return;
      }
    }
  }

  static void traversal(ParamUnderTest t) {
    if (PASSWD.matcher(t.baseline.body()).find()) {
      return;
    }
    for (String p : List.of("../../../../../../../../etc/passwd", "/etc/passwd",
        "....//....//....//....//....//....//etc/passwd", "..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "..\\..\\..\\..\\..\\..\\windows\\win.ini")) {
      if (t.param.where() == Param.Where.PATH && p.contains("/")) {
        continue;
      }
      ProbeResult r = t.send(p);
      if (r == null) {
        return;
      }
      Matcher m = PASSWD.matcher(r.body());
      Matcher w = WIN_INI.matcher(r.body());
      if (m.find() || w.find()) {
        String proof = m.find(0) ? m.group() : w.group();
        t.report(Rules.PATH_TRAVERSAL, r, p, proof, "A file outside the intended directory was read through "
            + t.label() + ".");
        return;
      }
    }
  }

  static void redirect(ParamUnderTest t) {
    String s = t.param.sample().toLowerCase(Locale.ROOT);
    if (!REDIRECT_NAME.matcher(t.param.name()).matches() && !s.startsWith("/") && !s.startsWith("http")) {
      return;
    }
    String m = ParamUnderTest.marker();
    for (String p : List.of("https://" + EVIL_HOST + "/" + m, "//" + EVIL_HOST + "/" + m, "/\\" + EVIL_HOST + "/" + m)) {
      ProbeResult r = t.send(p);
      if (r == null) {
        return;
      }
      String loc = r.header("location");
      String refresh = r.header("refresh");
      String where = loc != null ? loc : refresh != null && refresh.toLowerCase(Locale.ROOT).contains("url=")
          ? refresh.substring(refresh.toLowerCase(Locale.ROOT).indexOf("url=") + 4) : null;
      if (where != null && foreign(where.trim())) {
        t.report(Rules.OPEN_REDIRECT, r, p, "Location: " + where, "The app redirects to any host named in "
            + t.label() + " (the redirect was not followed).");
        return;
      }
    }
  }

  private static boolean foreign(String location) {
    String l = location.replace('\\', '/');
    try {
      URI u = URI.create(l.startsWith("//") ? "http:" + l : l);
      return u.getHost() != null && u.getHost().equalsIgnoreCase(EVIL_HOST);
    } catch (IllegalArgumentException e) {
      return l.toLowerCase(Locale.ROOT).matches("(https?:)?//" + EVIL_HOST.replace(".", "\\.") + "(/.*)?");
    }
  }

  static void crlf(ParamUnderTest t) {
    String m = ParamUnderTest.marker();
    String payload = t.after("\r\nX-" + m + ": injected");
    ProbeResult r = t.send(payload);
    if (r != null && r.header("x-" + m) != null) {
      t.report(Rules.CRLF, r, payload, "X-" + m + ": " + r.header("x-" + m), "CR/LF in " + t.label()
          + " starts a new response header: header injection and response splitting.");
    }
  }
}
