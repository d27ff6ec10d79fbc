package dev.analyzer.staticanalyzer.rules;

import com.google.re2j.Pattern;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.lexing.CodeView;
import dev.analyzer.staticanalyzer.lexing.Token;
import java.util.List;
import java.util.Locale;

/**
 * The {@code js-security} rules for JavaScript and React (JSX): the dangerous sinks that ESLint's
 * core, security, react and no-unsanitized plugins report, named with their rule ids. Stateless.
 */
public final class JsSecurityRules {

  private static final Pattern TOKEN_KEY = Pattern.compile("(?i)(token|jwt|auth|session|password|secret|credential)");

  private JsSecurityRules() {}

  /** The pattern rules. */
  public static List<CodeRule> rules() {
    return List.of(
        CodeRule.of("js.eval", "Use of eval", "no-eval", "CWE-95", Severity.HIGH, Confidence.HIGH,
            "Never evaluate strings as code; use JSON.parse for data.", "(^|[^.\\w$])(eval)\\s*\\(").at(2).ifContains("eval"),
        CodeRule.of("js.new-function", "Code built with new Function", "no-new-func", "CWE-95", Severity.HIGH,
            Confidence.HIGH, "Do not construct functions from strings.", "\\bnew\\s+Function\\s*\\(").ifContains("Function"),
        CodeRule.of("js.string-timer", "setTimeout/setInterval with a string", "no-implied-eval", "CWE-95",
            Severity.MEDIUM, Confidence.HIGH, "Pass a function, not a string.",
            "\\b(setTimeout|setInterval)\\s*\\(\\s*[\"'`]").ifContains("setTimeout", "setInterval"),
        CodeRule.of("js.inner-html", "Assignment to innerHTML/outerHTML", "no-unsanitized/property", "CWE-79",
            Severity.HIGH, Confidence.MEDIUM, "Use textContent, or sanitize with DOMPurify before inserting HTML.",
            "\\.(innerHTML|outerHTML)\\s*(\\+)?=[^=]").when((v, m) -> !assignsConstant(v, m.end() - 1)).ifContains("HTML"),
        CodeRule.of("js.insert-adjacent-html", "insertAdjacentHTML with dynamic HTML", "no-unsanitized/method", "CWE-79",
            Severity.HIGH, Confidence.MEDIUM, "Insert text nodes, or sanitize the HTML first.",
            "\\.insertAdjacentHTML\\s*\\(").ifContains("insertAdjacentHTML"),
        CodeRule.of("js.document-write", "document.write", "no-unsanitized/method", "CWE-79", Severity.MEDIUM,
            Confidence.MEDIUM, "Build DOM nodes instead of writing HTML.", "\\bdocument\\.(write|writeln)\\s*\\(").ifContains("document."),
        CodeRule.of("js.dangerously-set-inner-html", "React dangerouslySetInnerHTML", "react/no-danger", "CWE-79",
            Severity.HIGH, Confidence.MEDIUM, "Render text through JSX, or sanitize with DOMPurify.",
            "\\bdangerouslySetInnerHTML\\b").ifContains("dangerouslySetInnerHTML"),
        CodeRule.of("js.child-process-exec", "Shell command built from a template or concatenation",
            "security/detect-child-process", "CWE-78", Severity.HIGH, Confidence.MEDIUM,
            "Use execFile/spawn with an argument array.", "(^|[^.\\w$])(exec|execSync)\\s*\\(\\s*(`|[^)]*\\+)")
            .at(2).when((v, m) -> !m.group(3).equals("`") || v.source().indexOf("${", m.end()) >= 0
                && v.source().indexOf("${", m.end()) < v.source().indexOf('`', m.end())).ifContains("exec"),
        CodeRule.of("js.hardcoded-secret", "Hardcoded password or secret", "no-secrets/no-secrets", "CWE-798",
            Severity.HIGH, Confidence.MEDIUM, "Keep secrets out of the bundle: anything shipped to the browser is public.",
            "(?i)\\b(\\w*(password|passwd|secret|api_?key|apikey|access_?key|auth_?token|private_?key)\\w*)\\s*[:=]\\s*[\"'`]")
            .at(1).when((v, m) -> PythonSecurityRules.isRealSecret(PythonSecurityRules.stringValueAfter(v, m.end() - 1))),
        CodeRule.of("js.non-literal-regexp", "RegExp built from a variable (ReDoS)", "security/detect-non-literal-regexp",
            "CWE-1333", Severity.LOW, Confidence.MEDIUM, "Escape user input or use a fixed pattern.",
            "\\bnew\\s+RegExp\\s*\\(\\s*[^\"'`/\\s)]").ifContains("RegExp"),
        CodeRule.of("js.token-in-localstorage", "Credential stored in localStorage", "security/local-storage",
            "CWE-922", Severity.LOW, Confidence.MEDIUM, "Keep tokens in httpOnly cookies; localStorage is readable by any script.",
            "\\blocalStorage\\.setItem\\s*\\(\\s*[\"'`]")
            .when((v, m) -> {
              String key = PythonSecurityRules.stringValueAfter(v, m.end() - 1);
              return key != null && TOKEN_KEY.matcher(key).find();
            }).ifContains("localStorage"));
  }

  /** A {@code javascript:} URL in a string or JSX attribute. */
  public static boolean isJavascriptUrl(CodeView v, Token t) {
    return t.kind() == Token.Kind.STRING && t.content(v.source()).strip().toLowerCase(Locale.ROOT).startsWith("javascript:");
  }

  /** {@code target="_blank"} on an element without {@code rel} noopener/noreferrer. */
  public static boolean isUnsafeTargetBlank(CodeView v, Token t) {
    if (t.kind() != Token.Kind.STRING || !"_blank".equals(t.content(v.source()))) {
      return false;
    }
    String before = v.code().substring(Math.max(0, t.start() - 12), t.start());
    if (!before.replace(" ", "").endsWith("target=")) {
      return false;
    }
    int open = v.code().lastIndexOf('<', t.start());
    int close = v.code().indexOf('>', t.end());
    if (open < 0 || close < 0) {
      return false;
    }
    String tag = v.source().substring(open, close).toLowerCase(Locale.ROOT);
    return !(tag.contains("noopener") || tag.contains("noreferrer"));
  }

  /** An {@code http://} endpoint that is not local. */
  public static boolean isInsecureHttpUrl(CodeView v, Token t) {
    if (t.kind() != Token.Kind.STRING) {
      return false;
    }
    String s = t.content(v.source()).strip().toLowerCase(Locale.ROOT);
    if (!s.startsWith("http://")) {
      return false;
    }
    String host = s.substring(7);
    return !(host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("0.0.0.0")
        || host.startsWith("www.w3.org") || host.startsWith("[::1]") || host.startsWith("example.")
        || host.startsWith("schemas.") || host.isEmpty());
  }

  private static boolean assignsConstant(CodeView v, int eqOffset) {
    String rhs = v.code().substring(Math.min(v.code().length(), eqOffset + 1),
        Math.min(v.code().length(), eqOffset + 200)).strip();
    if (rhs.isEmpty()) {
      return false;
    }
    char q = rhs.charAt(0);
    if (q != '"' && q != '\'') {
      return false;
    }
    int close = rhs.indexOf(q, 1);
    if (close < 0) {
      return false;
    }
    String rest = rhs.substring(close + 1).strip();
    return rest.isEmpty() || rest.startsWith(";") || rest.startsWith("\n") || rest.startsWith("}");
  }
}
