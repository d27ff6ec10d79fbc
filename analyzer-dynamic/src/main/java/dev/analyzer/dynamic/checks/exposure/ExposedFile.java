package dev.analyzer.dynamic.checks.exposure;

import dev.analyzer.dynamic.report.Rule;
import java.util.regex.Pattern;

/**
 * One path to look for and how to recognise it: a pattern its body must match (and the directory's
 * random-path baseline must not), and whether an HTML answer can be it.
 *
 * @param name the file name below the directory, such as {@code .git/HEAD}
 * @param rule what it is reported as
 * @param proof the pattern the body must contain
 * @param htmlAllowed true when the real file is HTML (admin pages, debug consoles)
 */
public record ExposedFile(String name, Rule rule, Pattern proof, boolean htmlAllowed) {

  static ExposedFile of(String name, Rule rule, String proof) {
    return new ExposedFile(name, rule, Pattern.compile(proof), false);
  }

  static ExposedFile page(String name, Rule rule, String proof) {
    return new ExposedFile(name, rule, Pattern.compile(proof), true);
  }
}
