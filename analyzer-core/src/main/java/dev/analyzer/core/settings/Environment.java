package dev.analyzer.core.settings;

import java.util.Map;

/**
 * Where settings come from: the process environment in production, a map in tests. Implementations
 * must be thread-safe.
 */
@FunctionalInterface
public interface Environment {

  /** The value of {@code name}, or {@code null} when it is not set. */
  String get(String name);

  /** The process environment ({@link System#getenv(String)}). */
  static Environment system() {
    return System::getenv;
  }

  /** A fixed set of variables, for tests and for layering explicit values. */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return copy::get;
  }
}
