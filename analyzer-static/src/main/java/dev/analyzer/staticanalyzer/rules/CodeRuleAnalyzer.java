package dev.analyzer.staticanalyzer.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.lexing.CodeView;
import dev.analyzer.staticanalyzer.lexing.Lexer;
import dev.analyzer.staticanalyzer.lexing.Token;
import dev.analyzer.staticanalyzer.source.Language;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the code rules of one language over one file's {@link CodeView}, plus the rules that look at
 * string literals themselves (SQL built by formatting, secret-looking keys, javascript: URLs,
 * target=_blank, plain-http endpoints). Stateless and thread-safe.
 */
public final class CodeRuleAnalyzer {

  public static final String PYTHON_TOOL = "python-security";
  public static final String JS_TOOL = "js-security";

  private static final List<CodeRule> PYTHON = PythonSecurityRules.rules();
  private static final List<CodeRule> JS = JsSecurityRules.rules();
  private static final Pattern KEY_ASSIGNMENT = Pattern.compile("^\\s*(\\]\\s*=|:)\\s*[rb]?[\"'`]");

  private CodeRuleAnalyzer() {}

  /** Findings of {@code language}'s rules in one file. */
  public static List<Finding> analyze(String path, String text, Language language) {
    if (language != Language.PYTHON && language != Language.JAVASCRIPT) {
      return List.of();
    }
    boolean python = language == Language.PYTHON;
    CodeView view = python ? Lexer.python(text) : Lexer.javascript(text);
    String tool = python ? PYTHON_TOOL : JS_TOOL;
    List<Finding> out = new ArrayList<>();
    for (CodeRule rule : python ? PYTHON : JS) {
      if (!rule.mayMatch(view.code())) {
        continue;
      }
      Matcher m = rule.pattern().matcher(view.code());
      while (m.find()) {
        if (rule.check() == null || rule.check().accept(view, m)) {
          int at = m.start(rule.group());
          out.add(finding(tool, rule.id(), rule.title(), rule.externalCodes(), rule.cwe(), rule.severity(),
              rule.confidence(), rule.remediation(), path, view, at));
        }
        if (m.end() == m.start()) {
          break;
        }
      }
    }
    for (Token t : view.tokens()) {
      if (t.kind() != Token.Kind.STRING) {
        continue;
      }
      if (python && PythonSecurityRules.isFormattedSql(view, t)) {
        out.add(finding(tool, "py.sql-format", "SQL query built by string formatting", "B608/S608", "CWE-89",
            Severity.HIGH, Confidence.MEDIUM, "Pass values as query parameters: cursor.execute(sql, params).",
            path, view, t.start()));
      }
      if (secretKeyWithLiteral(view, t)) {
        out.add(finding(tool, python ? "py.hardcoded-secret" : "js.hardcoded-secret", "Hardcoded password or secret",
            python ? "B105/S105" : "no-secrets", "CWE-798", Severity.HIGH, Confidence.MEDIUM,
            "Read secrets from the environment or a secret store, never from source.", path, view, t.start()));
      }
      if (!python && JsSecurityRules.isJavascriptUrl(view, t)) {
        out.add(finding(tool, "js.javascript-url", "javascript: URL", "react/jsx-no-script-url", "CWE-79",
            Severity.HIGH, Confidence.HIGH, "Use an onClick handler instead of a javascript: URL.", path, view, t.start()));
      }
      if (!python && JsSecurityRules.isUnsafeTargetBlank(view, t)) {
        out.add(finding(tool, "js.target-blank", "target=\"_blank\" without rel=\"noopener noreferrer\"",
            "react/jsx-no-target-blank", "CWE-1022", Severity.LOW, Confidence.HIGH,
            "Add rel=\"noopener noreferrer\".", path, view, t.start()));
      }
      if (!python && JsSecurityRules.isInsecureHttpUrl(view, t)) {
        out.add(finding(tool, "js.insecure-http", "Plain-http endpoint", "security/insecure-url", "CWE-319",
            Severity.LOW, Confidence.LOW, "Use https:// for anything that leaves the machine.", path, view, t.start()));
      }
    }
    return out;
  }

  /** {@code "password": "hunter2"} or {@code config['SECRET_KEY'] = "..."}: a secret-named key given a literal. */
  private static boolean secretKeyWithLiteral(CodeView v, Token key) {
    String name = key.content(v.source());
    if (name.length() > 40 || !PythonSecurityRules.SECRET_NAME.matcher(name).find()) {
      return false;
    }
    String after = v.code().substring(key.end(), Math.min(v.code().length(), key.end() + 12));
    Matcher m = KEY_ASSIGNMENT.matcher(after);
    if (!m.find()) {
      return false;
    }
    return PythonSecurityRules.isRealSecret(PythonSecurityRules.stringValueAfter(v, key.end() + m.end() - 1));
  }

  static Finding finding(String tool, String ruleId, String title, String codes, String cwe, Severity severity,
      Confidence confidence, String remediation, String path, CodeView view, int offset) {
    return Finding.builder(tool, ruleId).withTitle(title).withSeverity(severity).withConfidence(confidence)
        .withCwe(cwe).withRemediation(remediation).withMessage(title + " (" + codes + ")")
        .withLocation(Location.inFile(path, view.line(offset), view.column(offset)))
        .withEvidence(view.lineText(offset)).withExtra("equivalent_rules", codes).build();
  }
}
