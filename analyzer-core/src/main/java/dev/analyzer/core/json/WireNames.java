package dev.analyzer.core.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lookup from wire strings to the constants of one {@link WireValue} enum: each constant's
 * {@link WireValue#wire()} plus any aliases, matched case-insensitively with surrounding blanks
 * ignored. Every enum that maps wire names holds one in a static field instead of its own loop.
 *
 * <p>Immutable and thread-safe once built.
 *
 * @param <E> the enum
 */
public final class WireNames<E extends Enum<E> & WireValue> {

  private final Class<E> type;
  private final Map<String, E> byName;

  private WireNames(Class<E> type, Map<String, E> byName) {
    this.type = type;
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** The lookup of every constant of {@code type} by its wire string. */
  public static <E extends Enum<E> & WireValue> WireNames<E> of(Class<E> type) {
    Map<String, E> byName = new LinkedHashMap<>();
    for (E constant : type.getEnumConstants()) {
      E previous = byName.put(key(constant.wire()), constant);
      if (previous != null) {
        throw new IllegalArgumentException(type.getSimpleName() + " constants " + previous.name() + " and "
            + constant.name() + " share the wire string '" + constant.wire() + "'");
      }
    }
    return new WireNames<>(type, byName);
  }

  /**
   * This lookup with {@code alias} also read as {@code constant} (never written: a constant always
   * encodes as its own wire string).
   *
   * @throws IllegalArgumentException when the alias already names another constant
   */
  public WireNames<E> withAlias(String alias, E constant) {
    Map<String, E> copy = new LinkedHashMap<>(byName);
    E previous = copy.putIfAbsent(key(alias), constant);
    if (previous != null && previous != constant) {
      throw new IllegalArgumentException(type.getSimpleName() + " alias '" + alias + "' already names "
          + previous.name());
    }
    return new WireNames<>(type, copy);
  }

  /** The constant {@code wire} names, if any; {@code null} reads as empty. */
  public Optional<E> find(String wire) {
    return wire == null ? Optional.empty() : Optional.ofNullable(byName.get(key(wire)));
  }

  /** The constant whose wire string is exactly {@code value} (for values already read as strings). */
  public Optional<E> find(Object value) {
    return value instanceof String s ? find(s) : Optional.empty();
  }

  /** Every accepted spelling, comma-separated, for error messages. */
  public String accepted() {
    return byName.keySet().stream().collect(Collectors.joining(", "));
  }

  private static String key(String wire) {
    return wire.trim().toLowerCase(Locale.ROOT);
  }
}
