package dev.analyzer.manager.commands;

import dev.analyzer.manager.text.Colors;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * How a run talks to the user: the format of what goes to stdout (or {@code --output FILE}),
 * {@code --quiet}, colours. Immutable.
 *
 * @param out stdout
 * @param format text, json, sarif, html or junit
 * @param output the file the format is written to instead of stdout, or null
 * @param quiet no progress and no summary (errors still go to stderr)
 * @param colors colours for text
 */
record Console(PrintStream out, String format, Path output, boolean quiet, Colors colors) {

  static final Set<String> FORMATS = Set.of("text", "json", "sarif", "html", "junit");

  Console {
    format = format == null ? "text" : format.toLowerCase(Locale.ROOT).strip();
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("--format must be one of text, json, sarif, html, junit, got '" + format + "'");
    }
  }

  /** Nothing printed (batch entries). */
  static Console silent() {
    return new Console(new PrintStream(PrintStream.nullOutputStream()), "text", null, true, new Colors(false));
  }

  /** True when progress and notes may go to stdout: text on stdout, not quiet. */
  boolean chatty() {
    return !quiet && (format.equals("text") || output != null);
  }

  void say(String line) {
    if (chatty()) {
      out.println(line);
    }
  }
}
