package dev.analyzer.core.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one settings class, in the order its README table lists them. Used by the class
 * itself (to read and check values) and by tests that compare the README with the code.
 *
 * <p>Immutable and thread-safe.
 */
public final class OptionTable {

  private final String title;
  private final Map<String, Option<?>> options;

  private OptionTable(String title, Map<String, Option<?>> options) {
    this.title = title;
    this.options = options;
  }

  /**
   * A table of {@code options}.
   *
   * @throws IllegalArgumentException when two options share a variable name
   */
  public static OptionTable of(String title, Option<?>... options) {
    Map<String, Option<?>> byName = new LinkedHashMap<>();
    for (Option<?> o : options) {
      if (byName.put(o.name(), o) != null) {
        throw new IllegalArgumentException(title + " lists " + o.name() + " twice");
      }
    }
    return new OptionTable(title, java.util.Collections.unmodifiableMap(byName));
  }

  /** What the settings are for, such as {@code service base}. */
  public String title() {
    return title;
  }

  /** Every option, in table order. */
  public List<Option<?>> options() {
    return List.copyOf(options.values());
  }

  /** The option read from variable {@code name}, if this table has it. */
  public Optional<Option<?>> find(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** The table as Markdown rows (variable, default, range, meaning), as the README shows it. */
  public String markdown() {
    StringBuilder sb = new StringBuilder("| variable | default | range | meaning |\n|---|---|---|---|\n");
    for (Option<?> o : options.values()) {
      sb.append("| `").append(o.name()).append("` | ").append(o.defaultText()).append(" | ")
          .append(o.rangeText()).append(" | ").append(o.description()).append(" |\n");
    }
    return sb.toString();
  }
}
