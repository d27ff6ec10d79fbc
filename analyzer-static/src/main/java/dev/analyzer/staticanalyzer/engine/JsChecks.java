package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The JavaScript checks that are not calls: DOM property writes ({@code innerHTML}, {@code location}),
 * JSX attributes ({@code dangerouslySetInnerHTML}, {@code href} from data, {@code javascript:} URLs,
 * {@code target="_blank"}), hardcoded secrets, TLS verification switched off
 * ({@code rejectUnauthorized: false}, {@code NODE_TLS_REJECT_UNAUTHORIZED}), {@code $where}, and
 * plain-http endpoints. Stateless.
 */
final class JsChecks {

  private static Rule rule(String id, String cls, String cwe, Severity sev, Confidence c, String title, String fix,
      String same) {
    return new Rule(id, cls, cwe, title, sev, c, fix, same);
  }

  static final Rule INNER_HTML = rule("js.inner-html", "xss", "CWE-79", Severity.HIGH, Confidence.MEDIUM,
      "Assignment of computed HTML to innerHTML/outerHTML",
      "Use textContent, or sanitize with DOMPurify before inserting HTML.", "no-unsanitized/property");
  static final Rule LOCATION = rule("js.dom-open-redirect", "open-redirect", "CWE-601", Severity.MEDIUM,
      Confidence.MEDIUM, "location set from URL or message data (open redirect, javascript: XSS)",
      "Allow-list the target; refuse javascript: URLs.", "js.dom-open-redirect");
  static final Rule DANGEROUS_HTML = rule("js.dangerously-set-inner-html", "xss", "CWE-79", Severity.HIGH,
      Confidence.MEDIUM, "React dangerouslySetInnerHTML", "Render text through JSX, or sanitize with DOMPurify.",
      "react/no-danger");
  static final Rule HREF = rule("js.jsx-href-from-data", "xss", "CWE-79", Severity.HIGH, Confidence.MEDIUM,
      "URL attribute taken from request/URL data (javascript: URLs)", "Allow only http(s) URLs.",
      "react/jsx-no-script-url");
  static final Rule JS_URL = rule("js.javascript-url", "xss", "CWE-79", Severity.HIGH, Confidence.HIGH,
      "javascript: URL", "Use an onClick handler instead of a javascript: URL.", "react/jsx-no-script-url");
  static final Rule BLANK = rule("js.target-blank", "tabnabbing", "CWE-1022", Severity.LOW, Confidence.HIGH,
      "target=\"_blank\" without rel=\"noopener noreferrer\"", "Add rel=\"noopener noreferrer\".",
      "react/jsx-no-target-blank");
  static final Rule SECRET = rule("js.hardcoded-secret", "hardcoded-secret", "CWE-798", Severity.HIGH,
      Confidence.MEDIUM, "Hardcoded password or secret",
      "Read secrets from the environment; anything shipped to the browser is public.", "no-secrets/no-secrets");
  static final Rule TLS = rule("js.tls-unverified", "insecure-tls", "CWE-295", Severity.HIGH, Confidence.HIGH,
      "TLS certificate verification disabled", "Keep rejectUnauthorized: true; add the CA instead.",
      "js.tls-unverified");
  static final Rule WHERE = rule("js.nosql-where", "nosql-injection", "CWE-943", Severity.HIGH, Confidence.MEDIUM,
      "MongoDB $where with computed JavaScript", "Never build $where from input; use query operators.",
      "js.nosql-where");
  static final Rule HTTP = rule("js.insecure-http", "cleartext", "CWE-319", Severity.LOW, Confidence.LOW,
      "Plain-http endpoint", "Use https:// for anything that leaves the machine.", "security/insecure-url");
  static final Rule MUSTACHE = rule("js.disable-mustache-escape", "xss", "CWE-79", Severity.HIGH, Confidence.HIGH,
      "Template escaping switched off (escapeMarkup = false)", "Keep escaping on.",
      "security/detect-disable-mustache-escape");

  static final Rule AUTOESCAPE_OFF = rule("js.autoescape-off", "xss", "CWE-79", Severity.HIGH, Confidence.HIGH,
      "Template autoescaping switched off", "Keep autoescape on; mark single trusted values safe instead.",
      "js.autoescape-off");
  static final Rule COOKIE_HTTPONLY = rule("js.cookie-no-httponly", "cookie", "CWE-1004", Severity.MEDIUM,
      Confidence.HIGH, "Cookie readable by scripts (httpOnly: false)", "Set httpOnly: true for session cookies.",
      "js.cookie-no-httponly");
  static final Rule COOKIE_SECURE = rule("js.cookie-not-secure", "cookie", "CWE-614", Severity.LOW, Confidence.HIGH,
      "Cookie sent over plain http (secure: false)", "Set secure: true behind https.", "js.cookie-not-secure");

  private JsChecks() {}

  /** Checks of {@code left = right} where the right side carries {@code t}. */
  static void assignment(JsWalker w, SyntaxNode n, Taint t) {
    SyntaxNode left = n.child("left");
    SyntaxNode right = n.child("right");
    if (left == null) {
      return;
    }
    String lhs = w.file.text(left).replace("?.", ".");
    String prop = left.is("member_expression") ? w.file.text(left.child("property")) : lhs;
    if (prop.equals("innerHTML") || prop.equals("outerHTML")) {
      w.report(INNER_HTML, CallRule.Mode.NON_LITERAL, n, t, !Literals.isConstant(right, w.file, w.scope),
          "sink " + lhs);
    }
    if (lhs.matches("^((window|document|self|top)\\.)?location(\\.href)?$")) {
      w.report(LOCATION, CallRule.Mode.TAINTED, n, t, true, "sink " + lhs);
    }
    if (lhs.endsWith("NODE_TLS_REJECT_UNAUTHORIZED") && "0".equals(Literals.stringValue(right, w.file))) {
      w.hit(TLS, n, TLS.confidence(), List.of());
    }
    if (prop.equals("escapeMarkup") && right != null && right.is("false")) {
      w.hit(MUSTACHE, n, MUSTACHE.confidence(), List.of());
    }
    String value = Literals.stringValue(right, w.file);
    if (value != null && SecretNames.isSecretName(prop) && SecretNames.isRealSecret(value)) {
      w.hit(SECRET, n, SECRET.confidence(), List.of());
    }
  }

  /** Checks of one JSX attribute whose value carries {@code t}. */
  static void jsxAttribute(JsWalker w, SyntaxNode n, Taint t) {
    SyntaxNode nameNode = n.namedChildren().isEmpty() ? null : n.namedChildren().get(0);
    String name = nameNode == null ? "" : w.file.text(nameNode);
    if (name.equals("dangerouslySetInnerHTML")) {
      w.report(DANGEROUS_HTML, CallRule.Mode.ALWAYS, n, t, true, "sink dangerouslySetInnerHTML");
    } else if ((name.equals("href") || name.equals("src") || name.equals("action") || name.equals("formAction"))
        && t != null) {
      w.report(HREF, CallRule.Mode.TAINTED, n, t, true, "sink " + name);
    }
  }

  /** The tree-wide checks (strings, pairs, declarations). */
  static void run(FileContext f) {
    Deque<SyntaxNode> stack = new ArrayDeque<>();
    stack.push(f.tree().root());
    int budget = 2_000_000;
    while (!stack.isEmpty() && budget-- > 0) {
      SyntaxNode n = stack.pop();
      check(f, n);
      List<SyntaxNode> kids = n.children();
      for (int i = kids.size() - 1; i >= 0; i--) {
        if (kids.get(i).named()) {
          stack.push(kids.get(i));
        }
      }
    }
  }

  private static void hit(FileContext f, Rule r, SyntaxNode at) {
    f.hit(new Hit(r, at.line(), at.column(), r.confidence(), List.of(), f.tree().lineText(at.line())));
  }

  private static void check(FileContext f, SyntaxNode n) {
    switch (n.type()) {
      case "variable_declarator": {
        SyntaxNode name = n.child("name");
        String value = Literals.stringValue(n.child("value"), f);
        if (name != null && name.is("identifier") && value != null && SecretNames.isSecretName(f.text(name))
            && SecretNames.isRealSecret(value)) {
          hit(f, SECRET, n);
        }
        return;
      }
      case "pair": {
        SyntaxNode k = n.child("key");
        String key = k == null ? "" : f.text(k).replaceAll("^[\"']|[\"']$", "");
        SyntaxNode v = n.child("value");
        String value = Literals.stringValue(v, f);
        if (value != null && SecretNames.isSecretName(key) && SecretNames.isRealSecret(value)) {
          hit(f, SECRET, n);
        }
        if ((key.equals("rejectUnauthorized") || key.equals("strictSSL")) && v != null && v.is("false")) {
          hit(f, TLS, n);
        }
        if (key.equals("$where") && !Literals.isConstant(v, f, null)) {
          hit(f, WHERE, n);
        }
        if ((key.equals("autoescape") || key.equals("escape")) && v != null && v.is("false")) {
          hit(f, AUTOESCAPE_OFF, n);
        }
        if (key.equals("httpOnly") && v != null && v.is("false")) {
          hit(f, COOKIE_HTTPONLY, n);
        }
        if (key.equals("secure") && v != null && v.is("false") && f.text(n.parent()).contains("httpOnly")) {
          hit(f, COOKIE_SECURE, n);
        }
        return;
      }
      case "jsx_attribute": {
        String text = f.text(n);
        String lower = text.toLowerCase(Locale.ROOT).replace(" ", "");
        if (lower.matches("^(href|src|action)=[\"'{`]*javascript:.*")) {
          hit(f, JS_URL, n);
        }
        if (lower.matches("^target=[\"'{`]*_blank.*") && n.parent() != null) {
          String tag = f.text(n.parent()).toLowerCase(Locale.ROOT);
          if (!tag.contains("noopener") && !tag.contains("noreferrer")) {
            hit(f, BLANK, n);
          }
        }
        return;
      }
      case "string": {
        String v = Literals.stringValue(n, f);
        if (v != null && insecureHttp(v)) {
          hit(f, HTTP, n);
        }
        return;
      }
      case "template_string": {
        String t = f.text(n);
        if (t.length() > 8 && insecureHttp(t.substring(1))) {
          hit(f, HTTP, n);
        }
        return;
      }
      default:
    }
  }

  private static boolean insecureHttp(String value) {
    String s = value.strip().toLowerCase(Locale.ROOT);
    if (!s.startsWith("http://") || s.contains(" ")) {
      return false;
    }
    String host = s.substring(7);
    return !(host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("0.0.0.0")
        || host.startsWith("www.w3.org") || host.startsWith("[::1]") || host.startsWith("example.")
        || host.startsWith("schemas.") || host.startsWith("json-schema.org") || host.startsWith("xmlns")
        || host.startsWith("${") || host.isEmpty());
  }
}
