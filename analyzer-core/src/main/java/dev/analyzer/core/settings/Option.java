package dev.analyzer.core.settings;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One setting: its environment variable, default, bound and meaning, and how a value is read and
 * checked. A settings class declares its options once, in an {@link OptionTable}; its builder sets
 * values through {@link #check(Object)}, its {@code fromEnvironment} reads them with
 * {@link #read(Environment)}, and the README's tables are tested against the same table, so the
 * documented default and bound can never drift from the code.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the value type
 */
public final class Option<T> {

  /** Reads a raw (trimmed, non-blank) environment value; throws {@link SettingsException}. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(EnvReader reader, String name);
  }

  private final String name;
  private final T defaultValue;
  private final String defaultText;
  private final String rangeText;
  private final String description;
  private final Parser<T> parser;
  private final Predicate<T> valid;
  private final java.util.function.Function<T, String> show;

  private Option(String name, T defaultValue, String defaultText, String rangeText, String description,
      Parser<T> parser, Predicate<T> valid, java.util.function.Function<T, String> show) {
    if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("option name must be an upper-case variable name, got " + name);
    }
    this.name = name;
    this.defaultValue = defaultValue;
    this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
    this.rangeText = Objects.requireNonNull(rangeText, "rangeText");
    this.description = Objects.requireNonNull(description, "description");
    this.parser = parser;
    this.valid = valid;
    this.show = show;
  }

  /** An integer in {@code min..max}. */
  public static Option<Integer> integer(String name, int defaultValue, int min, int max, String description) {
    checkDefault(name, defaultValue >= min && defaultValue <= max);
    return new Option<>(name, defaultValue, Integer.toString(defaultValue), min + ".." + max, description,
        (r, n) -> r.intIn(n, defaultValue, min, max), v -> v != null && v >= min && v <= max, String::valueOf);
  }

  /** A long integer in {@code min..max}, such as a byte count. */
  public static Option<Long> longInteger(String name, long defaultValue, long min, long max, String description) {
    checkDefault(name, defaultValue >= min && defaultValue <= max);
    return new Option<>(name, defaultValue, Long.toString(defaultValue), min + ".." + max, description,
        (r, n) -> r.longIn(n, defaultValue, min, max), v -> v != null && v >= min && v <= max, String::valueOf);
  }

  /** A duration given in (possibly fractional) seconds, in {@code min..max}. */
  public static Option<Duration> seconds(String name, Duration defaultValue, Duration min, Duration max,
      String description) {
    checkDefault(name, defaultValue.compareTo(min) >= 0 && defaultValue.compareTo(max) <= 0);
    return new Option<>(name, defaultValue, EnvReader.seconds(defaultValue),
        EnvReader.seconds(min) + ".." + EnvReader.seconds(max) + " s", description,
        (r, n) -> r.secondsIn(n, defaultValue, min, max),
        v -> v != null && v.compareTo(min) >= 0 && v.compareTo(max) <= 0, v -> EnvReader.seconds(v) + " s");
  }

  /**
   * A duration in seconds that is either 0 (the feature is off) or in {@code min..max}, such as a
   * ping interval.
   */
  public static Option<Duration> secondsOrOff(String name, Duration defaultValue, Duration min, Duration max,
      String description) {
    Predicate<Duration> valid = v -> v != null && (v.isZero() || (v.compareTo(min) >= 0 && v.compareTo(max) <= 0));
    checkDefault(name, valid.test(defaultValue));
    String range = "0 (off) or " + EnvReader.seconds(min) + ".." + EnvReader.seconds(max) + " s";
    Option<Duration>[] self = new Option[1];
    self[0] = new Option<>(name, defaultValue, EnvReader.seconds(defaultValue), range, description,
        (r, n) -> self[0].check(r.secondsIn(n, defaultValue, Duration.ZERO, max)), valid,
        v -> EnvReader.seconds(v) + " s");
    return self[0];
  }

  /** One of {@code allowed}, lower-case. */
  public static Option<String> oneOf(String name, String defaultValue, String description, String... allowed) {
    java.util.List<String> list = java.util.List.of(allowed);
    checkDefault(name, list.contains(defaultValue));
    return new Option<>(name, defaultValue, defaultValue, String.join(", ", allowed), description,
        (r, n) -> r.oneOf(n, defaultValue, allowed), list::contains, v -> v);
  }

  /**
   * Any other kind of value (lists, paths, secrets): the caller gives the texts the README shows and
   * the parser; {@code valid} checks values set by code.
   *
   * @param defaultValue the value when unset; may be {@code null} (shown as {@code defaultText})
   */
  public static <T> Option<T> custom(String name, T defaultValue, String defaultText, String rangeText,
      String description, Parser<T> parser, Predicate<T> valid) {
    return new Option<>(name, defaultValue, defaultText, rangeText, description, parser, valid, String::valueOf);
  }

  /** The environment variable, such as {@code ANALYZER_MAX_CONNECTIONS}. */
  public String name() {
    return name;
  }

  /** The value when the variable is unset or blank. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The default as the README shows it. */
  public String defaultText() {
    return defaultText;
  }

  /** The bound as the README shows it, such as {@code 1..100000} or {@code 0.1..3600 s}. */
  public String rangeText() {
    return rangeText;
  }

  /** One line on what the setting does. */
  public String description() {
    return description;
  }

  /**
   * The value {@code env} sets, or the default when unset or blank.
   *
   * @throws SettingsException naming the variable, the bound and the value when it is bad
   */
  public T read(Environment env) {
    EnvReader reader = new EnvReader(env);
    return reader.raw(name) == null ? defaultValue : parser.parse(reader, name);
  }

  /**
   * {@code value}, when it lies within the bound.
   *
   * @throws SettingsException naming the variable, the bound and the value otherwise
   */
  public T check(T value) {
    if (!valid.test(value)) {
      throw new SettingsException(name, name + " must be " + rangeText + ", got "
          + (value == null ? "null" : show.apply(value)));
    }
    return value;
  }

  @Override
  public String toString() {
    return name + " (default " + defaultText + ", " + rangeText + ")";
  }

  private static void checkDefault(String name, boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException("the default of " + name + " lies outside its own bound");
    }
  }
}
