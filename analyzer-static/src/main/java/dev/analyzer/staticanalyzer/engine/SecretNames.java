package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.staticanalyzer.rules.Placeholders;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which names hold secrets and which literal values are real ones: a secret-like name (password,
 * secret, api key, token, ...) that is not a label, prompt, URL or field name, given a value that is
 * not a placeholder, template or sentence. Weak real values count ({@code "secret"},
 * {@code "super_secret_key"}: a vulnerable app's key is exactly that); passphrases with spaces count
 * (up to six words, no prose words). Stateless.
 */
final class SecretNames {

  private static final Pattern NAME = Pattern.compile(
      "(?i).*(password|passwd|passphrase|pwd|secret|api_?key|apikey|access_?key|auth_?token|private_?key|"
          + "client_?secret|token|credential|signing_?key|encryption_?key|jwt_?key).*");
  private static final Pattern NOT_A_SECRET_NAME = Pattern.compile(
      "(?i).*(_|^)(label|prompt|help|msg|message|text|field|url|uri|path|file|name|header|param|length|len|min|"
          + "max|regex|pattern|policy|hint|placeholder|error|type|id|endpoint|route|form|input|env|var|key_name|"
          + "expiry|expires|ttl|count|format|mode|method|algorithm|alg|prefix|column|attr)$");
  private static final Pattern PROSE = Pattern.compile(
      "(?i).*\\b(enter|your|please|must|invalid|required|incorrect|wrong|forgot|confirm|is|are|the|not|for|"
          + "to|of|and|with)\\b.*");

  private SecretNames() {}

  static boolean isSecretName(String name) {
    if (name == null || name.length() > 60) {
      return false;
    }
    String n = name.replace("-", "_");
    return NAME.matcher(n).matches() && !NOT_A_SECRET_NAME.matcher(n).matches();
  }

  static boolean isRealSecret(String value) {
    if (value == null || Placeholders.isPlaceholder(value)) {
      return false;
    }
    String v = value.strip();
    if (v.length() < 4 || v.contains("{") || v.contains("%s") || v.startsWith("http://") || v.startsWith("https://")
        || v.startsWith("/") || v.contains("\n")) {
      return false;
    }
    if (v.contains(" ")) {
      return v.split("\\s+").length <= 6 && !PROSE.matcher(v).matches() && !v.endsWith(":") && !v.endsWith("?")
          && !v.endsWith(".");
    }
    String lower = v.toLowerCase(Locale.ROOT);
    return !lower.matches("[a-z]+(\\.[a-z]+)+") && !lower.matches("[a-z]+(-[a-z]+)*-(here|key|token|secret)");
  }
}
