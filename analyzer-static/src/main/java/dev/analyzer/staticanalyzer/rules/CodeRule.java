package dev.analyzer.staticanalyzer.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.lexing.CodeView;
import java.util.List;

/**
 * One dangerous-call rule: an RE2 pattern (linear time, no backtracking) matched against the code
 * view of a file, so comments and string contents never trigger it, plus an optional check of the
 * match (for example "the literal assigned is a real value, not a placeholder"). Immutable.
 *
 * @param id stable rule id, such as {@code py.eval}
 * @param title one-line title
 * @param externalCodes the matching bandit/ruff/eslint codes, such as {@code B307/S307}
 * @param cwe CWE id
 * @param severity how bad
 * @param confidence how sure
 * @param remediation how to fix it
 * @param pattern matched against the code view; group {@code group} marks where the finding points
 * @param group the capture group whose start is the finding's position (0 for the whole match)
 * @param check accepts or rejects a match; {@code null} accepts all
 * @param keywords literal words one of which must occur in the code for the pattern to be tried
 *     (a cheap prefilter); empty means always try
 */
public record CodeRule(String id, String title, String externalCodes, String cwe, Severity severity,
    Confidence confidence, String remediation, Pattern pattern, int group, MatchCheck check, List<String> keywords) {

  /** Decides whether a match is a finding. */
  @FunctionalInterface
  public interface MatchCheck {
    boolean accept(CodeView view, Matcher match);
  }

  /** A rule whose finding points at the whole match. */
  public static CodeRule of(String id, String title, String codes, String cwe, Severity severity, Confidence confidence,
      String remediation, String regex) {
    return new CodeRule(id, title, codes, cwe, severity, confidence, remediation, Pattern.compile(regex), 0, null,
        List.of());
  }

  /** This rule, pointing at capture group {@code g}. */
  public CodeRule at(int g) {
    return new CodeRule(id, title, externalCodes, cwe, severity, confidence, remediation, pattern, g, check, keywords);
  }

  /** This rule, with an extra check on each match. */
  public CodeRule when(MatchCheck c) {
    return new CodeRule(id, title, externalCodes, cwe, severity, confidence, remediation, pattern, group, c, keywords);
  }

  /** This rule, tried only on code containing one of {@code words} (case-sensitive). */
  public CodeRule ifContains(String... words) {
    return new CodeRule(id, title, externalCodes, cwe, severity, confidence, remediation, pattern, group, check,
        List.of(words));
  }

  /** True when the prefilter lets {@code code} through. */
  public boolean mayMatch(String code) {
    if (keywords.isEmpty()) {
      return true;
    }
    for (String k : keywords) {
      if (code.contains(k)) {
        return true;
      }
    }
    return false;
  }
}
