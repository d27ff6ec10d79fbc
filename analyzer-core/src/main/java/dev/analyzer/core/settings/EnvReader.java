package dev.analyzer.core.settings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads typed, bounded values from an {@link Environment}. An unset or blank variable gives the
 * default; a set one must parse and lie in range, else a {@link SettingsException} names the
 * variable, the range and the value. Thread-safe if the environment is.
 */
public final class EnvReader {

  private final Environment env;

  public EnvReader(Environment env) {
    this.env = env;
  }

  /** The raw value, trimmed, or {@code null} when unset or blank. */
  public String raw(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** An integer in {@code min..max}. */
  public int intIn(String name, int defaultValue, int min, int max) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    return (int) longIn(name, defaultValue, min, max);
  }

  /** A long integer in {@code min..max} (byte counts and other large values). */
  public long longIn(String name, long defaultValue, long min, long max) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new SettingsException(name, name + " must be an integer " + min + ".." + max + ", got '" + v + "'");
    }
    if (parsed < min || parsed > max) {
      throw new SettingsException(name, name + " must be " + min + ".." + max + ", got " + v);
    }
    return parsed;
  }

  /**
   * A duration given in seconds (decimals allowed, such as {@code 0.5}) in {@code min..max}.
   */
  public Duration secondsIn(String name, Duration defaultValue, Duration min, Duration max) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw new SettingsException(name, name + " must be a number of seconds " + seconds(min) + ".."
          + seconds(max) + ", got '" + v + "'");
    }
    BigDecimal minS = new BigDecimal(seconds(min));
    BigDecimal maxS = new BigDecimal(seconds(max));
    if (seconds.compareTo(minS) < 0 || seconds.compareTo(maxS) > 0) {
      throw new SettingsException(name, name + " must be " + seconds(min) + ".." + seconds(max)
          + " seconds, got " + v);
    }
    return Duration.ofNanos(seconds.movePointRight(9).longValue());
  }

  /** A non-blank string without whitespace or control characters. */
  public String word(String name, String defaultValue) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isWhitespace(v.charAt(i)) || Character.isISOControl(v.charAt(i))) {
        throw new SettingsException(name, name + " must not contain spaces or control characters, got '" + v + "'");
      }
    }
    return v;
  }

  /** One of {@code allowed} (case-insensitive), returned lowercased. */
  public String oneOf(String name, String defaultValue, String... allowed) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(lower)) {
        return a;
      }
    }
    throw new SettingsException(name, name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
  }

  static String seconds(Duration d) {
    BigDecimal s = BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
  }
}
