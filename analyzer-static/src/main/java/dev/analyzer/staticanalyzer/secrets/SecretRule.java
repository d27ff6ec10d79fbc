package dev.analyzer.staticanalyzer.secrets;

import com.google.re2j.Pattern;
import dev.analyzer.core.findings.Severity;
import java.util.List;

/**
 * A gitleaks-style secret rule: keywords to prefilter files cheaply, an RE2 pattern (linear time),
 * the group holding the secret, a Shannon-entropy floor for that group, and allowlist patterns for
 * known non-secrets. Immutable.
 *
 * @param id stable id, as gitleaks names it
 * @param title what was found
 * @param keywords lowercase substrings one of which must occur in the file
 * @param pattern the secret pattern
 * @param group capture group of the secret
 * @param minEntropy minimum Shannon entropy (bits per character) of the secret; 0 for none
 * @param allow secrets matching any of these are ignored
 * @param severity how bad
 */
public record SecretRule(String id, String title, List<String> keywords, Pattern pattern, int group,
    double minEntropy, List<Pattern> allow, Severity severity) {

  static SecretRule of(String id, String title, List<String> keywords, String regex, int group, double entropy,
      Severity severity, String... allow) {
    List<Pattern> allowPatterns = new java.util.ArrayList<>();
    for (String a : allow) {
      allowPatterns.add(Pattern.compile(a));
    }
    return new SecretRule(id, title, List.copyOf(keywords), Pattern.compile(regex), group, entropy,
        List.copyOf(allowPatterns), severity);
  }
}
