package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Finding;
import java.util.List;

/**
 * What the engine made of one file: its findings, how it was read ({@link How}), its role, and how
 * many findings a suppression comment removed. Immutable.
 */
public record FileReport(List<Finding> findings, How how, FileRole role, int suppressed) {

  /** How a file was analysed. */
  public enum How {
    /** tree-sitter parsed it (local errors tolerated); rules and taint ran on the tree. */
    PARSED,
    /** It did not parse; the lexer rules of the previous engine ran instead. */
    UNPARSED,
    /** A template file (Jinja, EJS, Handlebars, Pug, Vue): unescaped-output checks line by line. */
    TEMPLATE,
    /** Vendored or minified: not analysed. */
    SKIPPED
  }

  public FileReport {
    findings = List.copyOf(findings);
  }
}
