package dev.analyzer.dynamic.checks.passive;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.probe.ProbeResult;
import dev.analyzer.dynamic.report.Rules;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every response the engine receives (crawl and probes alike): security headers of HTML
 * pages (CSP missing or weak, anti-clickjacking, Referrer-Policy, Permissions-Policy), nosniff, HSTS
 * on https, cookie flags, CORS with credentials, Server/X-Powered-By leaks and development servers,
 * stack traces and debug pages, directory listings and mixed content. Each rule is reported once per
 * origin with the affected URLs ({@link Aggregate}). Thread-safe.
 */
public final class PassiveChecks implements Consumer<ProbeResult> {

  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
  private static final Pattern DEV_SERVER = Pattern.compile(
      "(?i)(werkzeug|wsgiserver|simplehttp|basehttp|php/\\d|webrick|development server)");
  /** A double quote, raw or HTML-escaped (a traceback shown in an HTML page is usually escaped). */
  private static final String QUOTE = "(?:\"|&quot;|&#34;|&#x22;)";
  private static final List<Pattern> STACK_TRACES = List.of(
      Pattern.compile("Traceback \\(most recent call last\\):\\s*\\n\\s+File " + QUOTE),
      Pattern.compile("The debugger caught an exception in your WSGI application"),
      Pattern.compile("File " + QUOTE + "[^\"\\n]{1,300}?\\.py" + QUOTE + ", line \\d+, in "),
      Pattern.compile("\\n\\s{2,}at [\\w.$<>\\[\\] ]{1,200} \\((?:/|[A-Za-z]:\\\\|node:)[^)\\n]{1,300}:\\d+:\\d+\\)"),
      Pattern.compile("\\n\\s*at [a-z][\\w$]*(?:\\.[\\w$]+){2,}\\([\\w$]+\\.java:\\d+\\)"),
      Pattern.compile("<b>(?:Fatal error|Warning)</b>:\\s.{0,200} on line <b>\\d+</b>"),
      Pattern.compile("Exception Value:.{0,400}Django Version:", Pattern.DOTALL));
  private static final Pattern LISTING = Pattern.compile(
      "(?i)<title>\\s*(Index of /|Directory listing for /)");
  private static final Pattern MIXED = Pattern.compile(
      "(?i)<(?:script|iframe|img|link|audio|video|source)[^>]{0,200}\\s(?:src|href)\\s*=\\s*['\"]http://");

  private static final Pattern SECRETS = Pattern.compile(String.join("|", "\\b(?:AKIA|ASIA)[A-Z2-7]{16}\\b",
      "-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----", "\\bsk_live_[0-9A-Za-z]{24,}", "\\bAIza[0-9A-Za-z_-]{35}\\b",
      "\\bgh[pousr]_[A-Za-z0-9]{36}\\b", "\\bxox[baprs]-[0-9A-Za-z-]{10,}", "\\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}"));
  private static final Pattern PASSWORD_FIELD = Pattern.compile(
      "\"(password|passwd|pwd|password_hash|passwordHash|hashed_password|pass_hash)\"\\s*:\\s*\"([^\"]{4,})\"");

  private final Aggregate found = new Aggregate();
  private final AtomicInteger seen = new AtomicInteger();

  @Override
  public void accept(ProbeResult r) {
    seen.incrementAndGet();
    boolean ok = r.status() >= 200 && r.status() < 300;
    boolean https = r.url().startsWith("https:");
    if (r.isHtml() && ok) {
      headers(r);
    }
    if (ok && r.response().body().length > 0 && header(r, "x-content-type-options").isEmpty()) {
      found.add(Rules.NOSNIFF, r, null, null);
    } else if (ok && !header(r, "x-content-type-options").isEmpty()
        && !header(r, "x-content-type-options").equalsIgnoreCase("nosniff")) {
      found.add(Rules.NOSNIFF, r, header(r, "x-content-type-options"), "not nosniff");
    }
    if (https) {
      String hsts = header(r, "strict-transport-security");
      Matcher age = Pattern.compile("max-age=\"?(\\d+)").matcher(hsts.toLowerCase(Locale.ROOT));
      if (hsts.isEmpty() || !age.find() || Long.parseLong(age.group(1)) < 31_536_000L) {
        found.add(Rules.HSTS, r, hsts.isEmpty() ? null : hsts, hsts.isEmpty() ? "missing" : "max-age below one year");
      }
    }
    cookies(r, https);
    banners(r);
    String acao = header(r, "access-control-allow-origin");
    if (acao.equals("*") && header(r, "access-control-allow-credentials").equalsIgnoreCase("true")) {
      found.add(Rules.CORS_WILDCARD_CREDENTIALS, r, "Access-Control-Allow-Origin: *", null);
    }
    String body = r.body();
    for (Pattern p : STACK_TRACES) {
      Matcher m = p.matcher(body);
      if (m.find()) {
        found.add(Rules.STACK_TRACE, r, m.group().strip(), null);
        break;
      }
    }
    Matcher secret = SECRETS.matcher(body);
    if (ok && secret.find()) {
      String k = secret.group();
      found.add(Rules.SECRET_IN_RESPONSE, r, k.substring(0, Math.min(8, k.length())) + "...", null);
    }
    if (ok && r.mediaType().contains("json")) {
      Matcher pw = PASSWORD_FIELD.matcher(body);
      if (pw.find() && !r.request().method().equals("POST")) {
        found.add(Rules.PASSWORD_IN_RESPONSE, r, "\"" + pw.group(1) + "\": \"" + pw.group(2).substring(0,
            Math.min(4, pw.group(2).length())) + "...\"", null);
      }
    }
    if (r.isHtml()) {
      Matcher m = LISTING.matcher(body);
      if (ok && m.find()) {
        found.add(Rules.DIRECTORY_LISTING, r, m.group(), null);
      }
      Matcher mixed = MIXED.matcher(body);
      if (https && ok && mixed.find()) {
        found.add(Rules.MIXED_CONTENT, r, mixed.group(), null);
      }
    }
  }

  private void headers(ProbeResult r) {
    String csp = header(r, "content-security-policy");
    String lower = csp.toLowerCase(Locale.ROOT);
    if (csp.isEmpty()) {
      found.add(Rules.CSP_MISSING, r, null, null);
    } else if (weakCsp(lower)) {
      found.add(Rules.CSP_WEAK, r, csp, null);
    }
    String xfo = header(r, "x-frame-options").toLowerCase(Locale.ROOT);
    if (!lower.contains("frame-ancestors") && !xfo.equals("deny") && !xfo.equals("sameorigin")) {
      found.add(Rules.CLICKJACKING, r, xfo.isEmpty() ? null : "X-Frame-Options: " + xfo, null);
    }
    if (header(r, "referrer-policy").isEmpty()) {
      found.add(Rules.REFERRER_POLICY, r, null, null);
    }
    if (header(r, "permissions-policy").isEmpty()) {
      found.add(Rules.PERMISSIONS_POLICY, r, null, null);
    }
  }

  /** unsafe-inline or unsafe-eval in the script source list, or a wildcard source. */
  static boolean weakCsp(String csp) {
    String scripts = null;
    String def = null;
    for (String d : csp.split(";")) {
      String t = d.trim();
      if (t.startsWith("script-src ") || t.equals("script-src")) {
        scripts = t;
      } else if (t.startsWith("default-src")) {
        def = t;
      }
    }
    String s = scripts != null ? scripts : def;
    if (s == null) {
      return true;
    }
    boolean nonce = s.contains("'nonce-") || s.contains("'strict-dynamic'");
    return (s.contains("'unsafe-inline'") && !nonce) || s.contains("'unsafe-eval'") || s.matches(".*\\s\\*(\\s.*|$)")
        || s.contains(" http:") || s.contains(" data:");
  }

  private void cookies(ProbeResult r, boolean https) {
    for (String c : r.headers("set-cookie")) {
      String lower = c.toLowerCase(Locale.ROOT);
      String name = c.contains("=") ? c.substring(0, c.indexOf('=')).trim() : c;
      if (lower.matches(".*;\\s*max-age=0.*") || lower.matches(".*expires=thu, 01[ -]jan[ -]1970.*")) {
        continue;
      }
      if (!lower.matches(".*;\\s*httponly.*")) {
        found.add(Rules.COOKIE_HTTPONLY, r, "Set-Cookie: " + name, "cookie " + name);
      }
      if (https && !lower.matches(".*;\\s*secure.*")) {
        found.add(Rules.COOKIE_SECURE, r, "Set-Cookie: " + name, "cookie " + name);
      }
      if (!lower.matches(".*;\\s*samesite=(lax|strict).*")
          && !(lower.matches(".*;\\s*samesite=none.*") && lower.matches(".*;\\s*secure.*"))) {
        found.add(Rules.COOKIE_SAMESITE, r, "Set-Cookie: " + name, "cookie " + name);
      }
    }
  }

  private void banners(ProbeResult r) {
    String server = header(r, "server");
    if (!server.isEmpty() && VERSION.matcher(server).find()) {
      found.add(Rules.SERVER_VERSION, r, "Server: " + server, null);
    }
    if (!server.isEmpty() && DEV_SERVER.matcher(server).find()) {
      found.add(Rules.DEV_SERVER, r, "Server: " + server, null);
    }
    String powered = header(r, "x-powered-by");
    if (!powered.isEmpty()) {
      found.add(Rules.POWERED_BY, r, "X-Powered-By: " + powered, null);
    }
  }

  private static String header(ProbeResult r, String name) {
    String v = r.header(name);
    return v == null ? "" : v.trim();
  }

  /** The aggregate that the CORS probe and others add to. */
  public Aggregate aggregate() {
    return found;
  }

  /** Responses checked. */
  public int responsesChecked() {
    return seen.get();
  }

  /** One finding per rule and origin. */
  public List<Finding> findings() {
    return found.findings();
  }
}
