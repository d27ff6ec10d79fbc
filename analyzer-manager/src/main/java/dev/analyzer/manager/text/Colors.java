package dev.analyzer.manager.text;

import java.util.Map;

/**
 * ANSI colours for the console: on by default on a terminal, off with {@code --no-color}, with the
 * {@code NO_COLOR} variable, or when stdout is not a terminal. Immutable.
 *
 * @param enabled whether escape sequences are written
 */
public record Colors(boolean enabled) {

  /** Colours for this process: a terminal, no {@code --no-color}, no {@code NO_COLOR}. */
  public static Colors detect(boolean noColor, Map<String, String> env) {
    String nc = env.get("NO_COLOR");
    return new Colors(!noColor && (nc == null || nc.isEmpty()) && System.console() != null);
  }

  public String red(String s) {
    return wrap("1;31", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String green(String s) {
    return wrap("32", s);
  }

  public String bold(String s) {
    return wrap("1", s);
  }

  private String wrap(String code, String s) {
    return enabled ? "\033[" + code + "m" + s + "\033[0m" : s;
  }
}
