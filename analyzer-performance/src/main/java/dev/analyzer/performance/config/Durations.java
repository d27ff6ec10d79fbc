package dev.analyzer.performance.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as requests write them: a number of seconds, or {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. Stateless. */
final class Durations {

  private static final Pattern TEXT = Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*(ms|s|m|h)?\\s*");

  private Durations() {
  }

  /**
   * @throws IllegalArgumentException naming {@code field} and the value
   */
  static Duration parse(String field, Object value) {
    double seconds;
    if (value instanceof Number n) {
      seconds = n.doubleValue();
    } else if (value instanceof String s) {
      Matcher m = TEXT.matcher(s.toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException(field + " must be seconds or a duration such as '500ms', '30s', '2m', got '"
            + s + "'");
      }
      double v = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      seconds = switch (unit) {
        case "ms" -> v / 1000;
        case "m" -> v * 60;
        case "h" -> v * 3600;
        default -> v;
      };
    } else {
      throw new IllegalArgumentException(field + " must be seconds or a duration such as '30s', got " + value);
    }
    if (!(seconds >= 0) || seconds > 366 * 86400) {
      throw new IllegalArgumentException(field + " must be >= 0 s, got " + value);
    }
    return Duration.ofNanos((long) (seconds * 1e9));
  }
}
