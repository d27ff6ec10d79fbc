package dev.analyzer.service.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A provider key or token. {@link #toString()} is redacted, so a secret printed by mistake (a log
 * line, an exception message, a record's {@code toString}) shows only its variable's name; the
 * value comes out only through {@link #reveal()}, which a caller uses at the moment of use (an
 * {@code Authorization} header, a comparison). Immutable and thread-safe.
 */
public final class Secret {

  private final String name;
  private final String value;

  private Secret(String name, String value) {
    this.name = name;
    this.value = value;
  }

  /**
   * A secret called {@code name} (the variable it came from, shown in {@link #toString()}).
   *
   * @throws IllegalArgumentException when {@code value} is blank (the message names {@code name}, never the value)
   */
  public static Secret of(String name, String value) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("secret name must not be blank");
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("secret " + name + " must not be blank");
    }
    return new Secret(name, value);
  }

  /** The variable it came from, such as {@code OPENROUTER_API_KEY}. */
  public String name() {
    return name;
  }

  /** The value itself. Never log it, put it in a result, or pass it to a process except by name. */
  public String reveal() {
    return value;
  }

  /** Constant-time comparison with {@code candidate}. */
  public boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
        candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** Equal when the names and values are; compared in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.name.equals(name) && matches(s.value);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** {@code NAME=***}: never the value. */
  @Override
  public String toString() {
    return name + "=***";
  }
}
