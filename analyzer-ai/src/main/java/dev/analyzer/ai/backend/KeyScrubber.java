package dev.analyzer.ai.backend;

import dev.analyzer.service.secrets.Secret;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Masks secrets in text a provider sent back (error bodies, in-stream errors) before it is
 * shortened or shown: every {@code Bearer <token>}, the key itself, and any run of 8 or more
 * characters that starts the key (a key cut by a provider or by a length limit). Always applied
 * before shortening. Immutable; thread-safe.
 */
final class KeyScrubber implements UnaryOperator<String> {

  /** The shortest start of the key that is masked on its own. */
  static final int MIN_PREFIX = 8;
  private static final Pattern BEARER = Pattern.compile("(?i)(Bearer)\\s+\\S+");

  private final String key;

  KeyScrubber(Secret key) {
    this.key = key == null ? null : key.reveal();
  }

  @Override
  public String apply(String s) {
    if (s == null) {
      return null;
    }
    String out = BEARER.matcher(s).replaceAll("$1 ***");
    if (key == null || key.length() < MIN_PREFIX) {
      return key == null || key.isEmpty() ? out : out.replace(key, "***");
    }
    String head = key.substring(0, MIN_PREFIX);
    StringBuilder b = new StringBuilder(out.length());
    int from = 0;
    int at;
    while ((at = out.indexOf(head, from)) >= 0) {
      int end = at + MIN_PREFIX;
      while (end < out.length() && end - at < key.length() && out.charAt(end) == key.charAt(end - at)) {
        end++;
      }
      b.append(out, from, at).append("***");
      from = end;
    }
    return b.append(out, from, out.length()).toString();
  }
}
