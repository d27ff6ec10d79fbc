package dev.analyzer.staticanalyzer.syntax;

import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which tree-sitter binding the parser uses: {@code ANALYZER_TREESITTER_LIB} (default
 * {@value #DEFAULT_PATH}), the path of the optimised binding's library, or {@code off} for the stock
 * binding. A missing or unloadable file is not an error (the stock binding is used and the log says
 * so); a value that cannot be a path of the library (a switch word such as {@code true} or
 * {@code on}, an existing directory, an invalid path) is. In {@code StaticSettings.OPTIONS}, so
 * start-up checks it and the root README's table is tested against it; the parser reads it once
 * per JVM from the process environment, the system property {@value #PROPERTY} first. Stateless.
 */
public final class TreeSitterSettings {

  public static final String LIB = "ANALYZER_TREESITTER_LIB";
  /** The system property that overrides {@value #LIB} (benchmarks: {@code -Danalyzer.treesitter.lib=off}). */
  public static final String PROPERTY = "analyzer.treesitter.lib";
  public static final String DEFAULT_PATH = "/usr/local/lib/analyzer/libanalyzer-treesitter.so";

  // words meaning "on" or "off" that would otherwise be taken as a relative file name and, being
  // missing, silently give the stock binding
  private static final Set<String> SWITCH_WORDS = Set.of("on", "true", "yes", "1", "false", "no", "0", "none",
      "disabled", "enabled", "auto", "stock");

  /** {@code ANALYZER_TREESITTER_LIB}: the library's path, or empty for {@code off}. */
  public static final Option<Optional<Path>> LIB_OPTION = Option.custom(LIB, Optional.of(Path.of(DEFAULT_PATH)),
      DEFAULT_PATH, "a path, or `off`", "the engine's optimised tree-sitter binding; missing or unloadable: the"
          + " stock binding (the same trees, about 3x slower), said in the log",
      TreeSitterSettings::parse, v -> v != null);

  private TreeSitterSettings() {}

  /**
   * The process environment with the system property {@value #PROPERTY}, when set, in place of
   * {@value #LIB}.
   */
  public static Environment processEnvironment() {
    return name -> {
      String property = LIB.equals(name) ? System.getProperty(PROPERTY) : null;
      return property != null ? property : System.getenv(name);
    };
  }

  /** True when {@code env} names the library itself rather than leaving the default. */
  static boolean explicit(Environment env) {
    return new EnvReader(env).raw(LIB) != null;
  }

  private static Optional<Path> parse(EnvReader r, String name) {
    String v = r.raw(name);
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.equals("off")) {
      return Optional.empty();
    }
    if (SWITCH_WORDS.contains(lower)) {
      throw new SettingsException(name, name + " must be a path to libanalyzer-treesitter.so, or off for the"
          + " stock binding, got '" + v + "'");
    }
    Path p;
    try {
      p = Path.of(v);
    } catch (InvalidPathException e) {
      throw new SettingsException(name, name + " must be a path to libanalyzer-treesitter.so, or off, got '" + v
          + "' (" + e.getReason() + ")");
    }
    if (Files.isDirectory(p)) {
      throw new SettingsException(name, name + " must be the library file itself, or off, got the directory '"
          + v + "'");
    }
    return Optional.of(p);
  }
}
