package dev.analyzer.staticanalyzer.rules;

import java.util.List;
import java.util.Locale;

/** Values that are obviously not real secrets: examples, placeholders, templates. Stateless. */
public final class Placeholders {

  private static final List<String> MARKERS = List.of("example", "changeme", "change_me", "change-me", "your_",
      "your-", "yourkey", "xxxx", "placeholder", "dummy", "sample", "<", "${", "{{", "redacted", "****", "todo",
      "replace", "insert", "fake_", "fixme", "secret_here", "not-a-secret", "notasecret", "none", "null", "undefined");

  private Placeholders() {}

  /** True when {@code value} is empty, one repeated character, or carries a placeholder marker. */
  public static boolean isPlaceholder(String value) {
    if (value == null) {
      return true;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.length() < 4) {
      return true;
    }
    if (v.chars().distinct().count() <= 2) {
      return true;
    }
    for (String m : MARKERS) {
      if (v.contains(m)) {
        return true;
      }
    }
    return false;
  }
}
