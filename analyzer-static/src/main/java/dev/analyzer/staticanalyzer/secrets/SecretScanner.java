package dev.analyzer.staticanalyzer.secrets;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.rules.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code secrets} analyzer: a port of the most common gitleaks rules (provider keys, private
 * keys, JWTs, generic key=value with entropy) on RE2 patterns, with keyword prefilters, entropy
 * floors, and allowlists (lock files, vendored code, placeholders, example files). Stateless.
 */
public final class SecretScanner {

  public static final String TOOL = "secrets";

  private static final Set<String> ALLOWED_FILES = Set.of("package-lock.json", "yarn.lock", "pnpm-lock.yaml",
      "poetry.lock", "pipfile.lock", "composer.lock", "cargo.lock", "go.sum");
  private static final List<String> ALLOWED_PATH_PARTS = List.of("node_modules/", "vendor/", "venv/", ".venv/",
      "third_party/", "/fixtures/", "test_data/");

  static final List<SecretRule> RULES = List.of(
      SecretRule.of("aws-access-token", "AWS access key id", List.of("akia", "asia", "abia", "acca", "a3t"),
          "\\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b", 1, 3.0, Severity.CRITICAL, ".+EXAMPLE$"),
      SecretRule.of("aws-secret-access-key", "AWS secret access key", List.of("aws_secret", "aws-secret", "secret_access"),
          "(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+=]{40})\\b", 1, 4.0, Severity.CRITICAL,
          "(?i)EXAMPLE"),
      SecretRule.of("github-token", "GitHub token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
          "\\b((?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}|github_pat_[0-9a-zA-Z_]{82})\\b", 1, 3.0, Severity.CRITICAL),
      SecretRule.of("slack-token", "Slack token", List.of("xox"), "\\b(xox[baprs]-[0-9a-zA-Z-]{10,72})\\b", 1, 3.0,
          Severity.HIGH),
      SecretRule.of("stripe-access-token", "Stripe live secret key", List.of("sk_live", "rk_live"),
          "\\b((?:sk|rk)_live_[0-9a-zA-Z]{24,99})\\b", 1, 3.0, Severity.CRITICAL),
      SecretRule.of("gcp-api-key", "Google API key", List.of("aiza"), "\\b(AIza[0-9A-Za-z_-]{35})\\b", 1, 3.0,
          Severity.HIGH),
      SecretRule.of("openai-api-key", "OpenAI API key", List.of("t3blbkfj"),
          "\\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})\\b", 1, 3.0, Severity.CRITICAL),
      SecretRule.of("openrouter-api-key", "OpenRouter API key", List.of("sk-or-v1-"),
          "\\b(sk-or-v1-[0-9a-f]{64})\\b", 1, 3.0, Severity.CRITICAL),
      SecretRule.of("anthropic-api-key", "Anthropic API key", List.of("sk-ant-"),
          "\\b(sk-ant-(?:api03|admin01)-[a-zA-Z0-9_-]{93}AA)\\b", 1, 3.0, Severity.CRITICAL),
      SecretRule.of("private-key", "Private key", List.of("private key"),
          "(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)", 1, 0, Severity.CRITICAL),
      SecretRule.of("jwt", "JSON Web Token", List.of("eyj"),
          "\\b(ey[a-zA-Z0-9]{17,}\\.ey[a-zA-Z0-9/_-]{17,}\\.(?:[a-zA-Z0-9/_-]{10,}={0,2})?)", 1, 3.0, Severity.MEDIUM),
      SecretRule.of("generic-api-key", "Generic secret", List.of("access", "auth", "api", "credential", "creds", "key",
          "passw", "secret", "token"),
          "(?i)\\b[\\w.-]{0,50}?(?:access|auth|api|credential|creds|key|passw(?:or)?d|secret|token)(?:[ \\t\\w.-]{0,20})[\"']?"
              + "[ \\t]*(?:=|:|=>|:=)[ \\t]*[\"'`]?([\\w.=~+/-]{10,150})[\"'`]?", 1, 3.5, Severity.HIGH,
          "^[a-zA-Z_.]+\\(?$", "^(true|false|null|none)$"));

  private static final Pattern IDENTIFIER_LIKE = Pattern.compile("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+$");

  private SecretScanner() {}

  /** True when the file is never scanned (lock files, vendored code, example env files). */
  public static boolean allowlisted(String path) {
    String p = "/" + path.toLowerCase(Locale.ROOT);
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (ALLOWED_FILES.contains(name) || name.endsWith(".min.js.map") || name.matches(".*\\.(example|sample|template)$")) {
      return true;
    }
    for (String part : ALLOWED_PATH_PARTS) {
      if (p.contains("/" + part) || p.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** Secrets in one file. */
  public static List<Finding> scan(String path, String text) {
    if (allowlisted(path)) {
      return List.of();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    List<Finding> out = new ArrayList<>();
    Set<Integer> seenOffsets = new java.util.HashSet<>();
    for (SecretRule rule : RULES) {
      if (rule.keywords().stream().noneMatch(lower::contains)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        String secret = m.group(rule.group());
        if (secret == null || !accepted(rule, secret) || !seenOffsets.add(m.start(rule.group()))) {
          continue;
        }
        out.add(finding(rule, path, text, m.start(rule.group()), secret));
      }
    }
    return out;
  }

  private static boolean accepted(SecretRule rule, String secret) {
    if (rule.minEntropy() > 0 && Entropy.shannon(secret) < rule.minEntropy()) {
      return false;
    }
    for (Pattern allow : rule.allow()) {
      if (allow.matcher(secret).find()) {
        return false;
      }
    }
    if (rule.id().equals("generic-api-key")) {
      String s = secret.toLowerCase(Locale.ROOT);
      if (Placeholders.isPlaceholder(s) || IDENTIFIER_LIKE.matcher(s).matches() || s.startsWith("http")) {
        return false;
      }
      boolean hasDigit = s.chars().anyMatch(Character::isDigit);
      if (!hasDigit) {
        return false;
      }
    }
    return true;
  }

  private static Finding finding(SecretRule rule, String path, String text, int offset, String secret) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return Finding.builder(TOOL, rule.id()).withTitle(rule.title() + " committed to the repository")
        .withMessage(rule.title() + " found in " + path + " (gitleaks rule " + rule.id() + ")")
        .withSeverity(rule.severity()).withConfidence(rule.minEntropy() >= 3.5 ? Confidence.MEDIUM : Confidence.HIGH)
        .withCwe("CWE-798").withLocation(Location.inFile(path, line, offset - lineStart + 1))
        .withEvidence(redact(secret))
        .withRemediation("Revoke the secret, remove it from the code and history, and load it from the environment.")
        .build();
  }

  /** The secret with all but its first four characters masked, so reports do not leak it again. */
  static String redact(String secret) {
    if (secret.length() <= 8) {
      return "*".repeat(secret.length());
    }
    return secret.substring(0, 4) + "*".repeat(Math.min(20, secret.length() - 4));
  }
}
