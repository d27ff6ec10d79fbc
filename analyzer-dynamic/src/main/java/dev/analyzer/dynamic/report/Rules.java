package dev.analyzer.dynamic.report;

import static dev.analyzer.core.findings.Confidence.HIGH;
import static dev.analyzer.core.findings.Confidence.LOW;
import static dev.analyzer.core.findings.Confidence.MEDIUM;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every rule of the built-in engine, with its references (the README's check table lists the same). */
public final class Rules {

  private static final Map<String, Rule> BY_ID = new LinkedHashMap<>();
  private static final String A01 = "A01:2021-Broken Access Control";
  private static final String A03 = "A03:2021-Injection";
  private static final String A05 = "A05:2021-Security Misconfiguration";
  private static final String A07 = "A07:2021-Identification and Authentication Failures";
  private static final String A02 = "A02:2021-Cryptographic Failures";

  // passive
  public static final Rule CSP_MISSING = rule("dyn.csp-missing", "Content-Security-Policy header not set",
      Severity.MEDIUM, HIGH, "CWE-693", "WSTG-CONF-12", A05, 10038,
      "Send a Content-Security-Policy with default-src 'self', script-src without 'unsafe-inline', and frame-ancestors.");
  public static final Rule CSP_WEAK = rule("dyn.csp-weak", "Content-Security-Policy allows unsafe sources",
      Severity.MEDIUM, HIGH, "CWE-693", "WSTG-CONF-12", A05, 10055,
      "Remove 'unsafe-inline', 'unsafe-eval' and wildcard sources from script-src/default-src.");
  public static final Rule CLICKJACKING = rule("dyn.clickjacking", "Missing anti-clickjacking header",
      Severity.MEDIUM, MEDIUM, "CWE-1021", "WSTG-CLNT-09", A05, 10020,
      "Send X-Frame-Options: DENY (or SAMEORIGIN) or CSP frame-ancestors 'none'.");
  public static final Rule NOSNIFF = rule("dyn.nosniff-missing", "X-Content-Type-Options header missing",
      Severity.LOW, MEDIUM, "CWE-693", "WSTG-CONF-12", A05, 10021, "Send X-Content-Type-Options: nosniff.");
  public static final Rule REFERRER_POLICY = rule("dyn.referrer-policy-missing", "Referrer-Policy header not set",
      Severity.INFO, MEDIUM, "CWE-200", "WSTG-CONF-12", A05, null,
      "Send Referrer-Policy: no-referrer or strict-origin-when-cross-origin.");
  public static final Rule PERMISSIONS_POLICY = rule("dyn.permissions-policy-missing",
      "Permissions-Policy header not set", Severity.LOW, MEDIUM, "CWE-693", "WSTG-CONF-12", A05, 10063,
      "Send Permissions-Policy disabling features the app does not use, e.g. camera=(), microphone=().");
  public static final Rule HSTS = rule("dyn.hsts-missing", "Strict-Transport-Security header missing or weak",
      Severity.LOW, HIGH, "CWE-319", "WSTG-CONF-07", A02, 10035,
      "Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every https response.");
  public static final Rule COOKIE_HTTPONLY = rule("dyn.cookie-no-httponly", "Cookie without HttpOnly flag",
      Severity.LOW, HIGH, "CWE-1004", "WSTG-SESS-02", A05, 10010, "Set HttpOnly on session and auth cookies.");
  public static final Rule COOKIE_SECURE = rule("dyn.cookie-no-secure", "Cookie without Secure flag on https",
      Severity.LOW, HIGH, "CWE-614", "WSTG-SESS-02", A05, 10011, "Set Secure on every cookie served over https.");
  public static final Rule COOKIE_SAMESITE = rule("dyn.cookie-no-samesite", "Cookie without SameSite attribute",
      Severity.LOW, HIGH, "CWE-1275", "WSTG-SESS-02", A01, 10054, "Set SameSite=Lax (or Strict) on cookies.");
  public static final Rule CORS_REFLECTED = rule("dyn.cors-reflected-origin",
      "CORS reflects an arbitrary Origin", Severity.HIGH, HIGH, "CWE-942", "WSTG-CLNT-07", A05, 40040,
      "Allow only a fixed list of trusted origins; never echo the request's Origin, never with credentials.");
  public static final Rule CORS_NULL = rule("dyn.cors-null-origin", "CORS allows the null Origin",
      Severity.MEDIUM, HIGH, "CWE-942", "WSTG-CLNT-07", A05, 40040, "Do not allow Origin: null.");
  public static final Rule CORS_WILDCARD_CREDENTIALS = rule("dyn.cors-wildcard-credentials",
      "CORS allows any origin with credentials", Severity.MEDIUM, HIGH, "CWE-942", "WSTG-CLNT-07", A05, 10098,
      "Do not combine Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true.");
  public static final Rule SERVER_VERSION = rule("dyn.server-version-leak", "Server header leaks version",
      Severity.LOW, HIGH, "CWE-497", "WSTG-INFO-02", A05, 10036,
      "Remove version numbers from the Server header (and do not serve production from a dev server).");
  public static final Rule POWERED_BY = rule("dyn.x-powered-by", "X-Powered-By header leaks the framework",
      Severity.LOW, HIGH, "CWE-497", "WSTG-INFO-02", A05, 10037, "Remove the X-Powered-By header.");
  public static final Rule DEV_SERVER = rule("dyn.dev-server", "Development server in use",
      Severity.LOW, MEDIUM, "CWE-489", "WSTG-CONF-02", A05, null,
      "Serve the app through a production WSGI/ASGI server (gunicorn, uvicorn) behind a reverse proxy.");
  public static final Rule STACK_TRACE = rule("dyn.stack-trace", "Stack trace or debug error page disclosed",
      Severity.MEDIUM, HIGH, "CWE-209", "WSTG-ERRH-01", A05, 90022,
      "Turn debug mode off and return a generic error page; log details server-side.");
  public static final Rule DIRECTORY_LISTING = rule("dyn.directory-listing", "Directory listing enabled",
      Severity.MEDIUM, HIGH, "CWE-548", "WSTG-CONF-04", A01, 0, "Disable directory indexes.");
  public static final Rule MIXED_CONTENT = rule("dyn.mixed-content", "https page loads http:// resources",
      Severity.LOW, HIGH, "CWE-311", "WSTG-CONF-07", A02, 10040, "Load every sub-resource over https.");
  public static final Rule SECRET_IN_RESPONSE = rule("dyn.secret-in-response",
      "Secret key or token in a response", Severity.HIGH, MEDIUM, "CWE-200", "WSTG-INFO-05", A02, 10062,
      "Keep keys on the server; rotate every key that was shipped to clients.");
  public static final Rule PASSWORD_IN_RESPONSE = rule("dyn.password-in-response",
      "Password or password hash returned by the API", Severity.MEDIUM, MEDIUM, "CWE-200", "WSTG-ATHN-07", A02,
      null, "Never serialize password fields; use an explicit response schema.");
  // exposure
  public static final Rule GIT_EXPOSED = rule("dyn.exposed-git", "Git repository exposed", Severity.HIGH, HIGH,
      "CWE-538", "WSTG-CONF-05", A05, 40035, "Do not deploy .git; deny dot-paths in the web server.");
  public static final Rule ENV_EXPOSED = rule("dyn.exposed-env", ".env file exposed", Severity.HIGH, HIGH,
      "CWE-538", "WSTG-CONF-05", A05, 40034, "Keep .env out of the web root; rotate the secrets it held.");
  public static final Rule SOURCE_EXPOSED = rule("dyn.exposed-source", "Source or configuration file exposed",
      Severity.MEDIUM, HIGH, "CWE-540", "WSTG-CONF-04", A05, 40035,
      "Serve only the build output; never the source tree or configuration files.");
  public static final Rule BACKUP_EXPOSED = rule("dyn.exposed-backup", "Backup or database file exposed",
      Severity.HIGH, HIGH, "CWE-530", "WSTG-CONF-04", A05, 10095, "Remove backups and database files from the web root.");
  public static final Rule DEBUG_CONSOLE = rule("dyn.debug-console", "Interactive debug console reachable",
      Severity.CRITICAL, HIGH, "CWE-489", "WSTG-CONF-05", A05, null,
      "Never run with the Werkzeug debugger (debug=True) where anyone can reach it.");
  public static final Rule ADMIN_EXPOSED = rule("dyn.admin-exposed", "Admin page reachable without authentication",
      Severity.MEDIUM, MEDIUM, "CWE-306", "WSTG-CONF-05", A01, null, "Require authentication and authorization on admin pages.");
  public static final Rule SOURCE_MAP = rule("dyn.source-map-exposed", "JavaScript source map exposed",
      Severity.LOW, HIGH, "CWE-540", "WSTG-CONF-04", A05, null, "Do not publish .map files in production builds.");
  // active
  public static final Rule XSS = rule("dyn.xss-reflected", "Reflected cross-site scripting", Severity.HIGH, HIGH,
      "CWE-79", "WSTG-INPV-01", A03, 40012, "Escape output for its HTML context; use auto-escaping templates.");
  public static final Rule XSS_STORED = rule("dyn.xss-stored", "Stored cross-site scripting", Severity.HIGH, HIGH,
      "CWE-79", "WSTG-INPV-02", A03, 40014, "Escape stored values for their HTML context when they are shown; use "
          + "auto-escaping templates.");
  public static final Rule SQLI = rule("dyn.sqli", "SQL injection", Severity.HIGH, HIGH, "CWE-89", "WSTG-INPV-05",
      A03, 40018, "Use parameterized queries; never build SQL from request values.");
  public static final Rule SQLI_BLIND = rule("dyn.sqli-blind", "SQL injection (boolean or time based)",
      Severity.HIGH, MEDIUM, "CWE-89", "WSTG-INPV-05", A03, 40018, "Use parameterized queries.");
  public static final Rule NOSQLI = rule("dyn.nosqli", "NoSQL operator injection", Severity.HIGH, MEDIUM, "CWE-943",
      "WSTG-INPV-05", A03, 40033, "Reject objects where strings are expected; cast query values to strings.");
  public static final Rule OPEN_REDIRECT = rule("dyn.open-redirect", "Open redirect", Severity.MEDIUM, HIGH,
      "CWE-601", "WSTG-CLNT-04", A01, 10028, "Redirect only to relative paths or an allow-list of hosts.");
  public static final Rule PATH_TRAVERSAL = rule("dyn.path-traversal", "Path traversal", Severity.HIGH, HIGH,
      "CWE-22", "WSTG-ATHZ-01", A01, 6, "Resolve the path and check it stays under the intended directory.");
  public static final Rule COMMAND_INJECTION = rule("dyn.command-injection", "OS command injection",
      Severity.CRITICAL, HIGH, "CWE-78", "WSTG-INPV-12", A03, 90020,
      "Never pass request values to a shell; use argument lists and allow-lists.");
  public static final Rule SSTI = rule("dyn.ssti", "Server-side template injection", Severity.CRITICAL, HIGH,
      "CWE-1336", "WSTG-INPV-18", A03, 90035, "Never render request values as templates (render_template_string).");
  public static final Rule CRLF = rule("dyn.crlf-injection", "CRLF / HTTP header injection", Severity.MEDIUM, HIGH,
      "CWE-113", "WSTG-INPV-15", A03, 40003, "Reject CR and LF in values placed in response headers.");
  public static final Rule TRACE = rule("dyn.http-trace", "HTTP TRACE enabled (cross-site tracing)", Severity.LOW,
      HIGH, "CWE-693", "WSTG-CONF-06", A05, 90028, "Disable the TRACE method.");
  public static final Rule DANGEROUS_METHODS = rule("dyn.dangerous-methods", "Dangerous HTTP methods advertised",
      Severity.LOW, LOW, "CWE-749", "WSTG-CONF-06", A05, 90028, "Allow only the methods the app needs.");
  // ports
  public static final Rule OPEN_PORT = rule("dyn.open-port", "Data-store port reachable", Severity.INFO, MEDIUM,
      "CWE-668", "WSTG-CONF-01", A05, null, "Bind databases and caches to a private interface with authentication.");
  public static final Rule CLEARTEXT_PORT = rule("dyn.cleartext-port", "FTP or Telnet port reachable",
      Severity.MEDIUM, MEDIUM, "CWE-319", "WSTG-CONF-01", A05, null,
      "Close FTP (21) and Telnet (23); use SFTP or SSH, or firewall the port.");

  private Rules() {}

  private static Rule rule(String id, String title, Severity sev, Confidence conf, String cwe, String wstg,
      String owasp, Integer zap, String fix) {
    Rule r = new Rule(id, title, sev, conf, cwe, wstg, owasp, zap, fix);
    BY_ID.put(id, r);
    return r;
  }

  /** Every rule, in README order. */
  public static List<Rule> all() {
    return List.copyOf(BY_ID.values());
  }

  /** The rule with {@code id}, if it is one of the engine's. */
  public static Optional<Rule> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }
}
