package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.List;
import java.util.Map;

/**
 * One call as the rules see it: the resolved name ({@code subprocess.Popen} for {@code P(...)} after
 * {@code from subprocess import Popen as P}; {@code ?.execute} when the receiver is not a name), the
 * method name, positional arguments and keyword arguments (Python keywords; for JavaScript the
 * properties of a trailing object literal, so {@code spawn(c, {shell: true})} has keyword shell).
 * Immutable.
 */
record Site(SyntaxNode node, String qualified, String method, boolean isMethod, List<SyntaxNode> args,
    Map<String, SyntaxNode> keywords, FileContext file) {

  SyntaxNode arg(int i) {
    return i < args.size() ? args.get(i) : null;
  }

  SyntaxNode keyword(String name) {
    return keywords.get(name);
  }

  /** The text of {@code n}. */
  String text(SyntaxNode n) {
    return file.text(n);
  }

  /** The value of a string literal argument, or null when it is not a plain literal. */
  String literal(SyntaxNode n) {
    return Literals.stringValue(n, file);
  }

  boolean isTrue(String keyword) {
    return Literals.isTrue(keywords.get(keyword), file);
  }

  boolean isFalse(String keyword) {
    return Literals.isFalse(keywords.get(keyword), file);
  }

  /** The argument at {@code i} or, failing that, keyword {@code name}. */
  SyntaxNode argOrKeyword(int i, String name) {
    SyntaxNode k = keywords.get(name);
    return k != null ? k : arg(i);
  }
}
