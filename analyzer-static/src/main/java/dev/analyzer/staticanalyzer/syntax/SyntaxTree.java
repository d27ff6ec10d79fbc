package dev.analyzer.staticanalyzer.syntax;

/**
 * A parsed file: its text, the root node, the grammar used and how many error or missing
 * nodes tree-sitter had to insert (0 means the file parsed cleanly). Immutable.
 */
public final class SyntaxTree {

  private final String source;
  private final SyntaxNode root;
  private final Grammar grammar;
  private final int errors;
  private final int errorBytes;

  SyntaxTree(String source, SyntaxNode root, Grammar grammar, int errors, int errorBytes) {
    this.source = source;
    this.root = root;
    this.grammar = grammar;
    this.errors = errors;
    this.errorBytes = errorBytes;
  }

  /**
   * True when the errors are local: error nodes cover at most {@code maxFraction} of the text (and
   * the root itself is not an error). tree-sitter recovers around a local error, so the rest of the
   * tree is still the file's real structure.
   */
  public boolean usable(double maxFraction) {
    return !root.is("ERROR") && errorBytes <= maxFraction * Math.max(1, source.length() * 1.0);
  }

  /** The source text. */
  public String source() {
    return source;
  }

  public SyntaxNode root() {
    return root;
  }

  public Grammar grammar() {
    return grammar;
  }

  /** Error and missing nodes in the tree. */
  public int errors() {
    return errors;
  }

  /** True when the file parsed without an error node. */
  public boolean clean() {
    return errors == 0;
  }

  /** The source text of {@code n}. */
  public String text(SyntaxNode n) {
    if (n == null) {
      return "";
    }
    int end = Math.min(n.endByte(), source.length());
    return source.substring(Math.min(n.startByte(), end), end);
  }

  /** The trimmed text of line {@code line} (1-based), cut to 200 characters. */
  public String lineText(int line) {
    int l = 1;
    int start = 0;
    while (l < line && start < source.length()) {
      if (source.charAt(start) == '\n') {
        l++;
      }
      start++;
    }
    int end = start;
    while (end < source.length() && source.charAt(end) != '\n') {
      end++;
    }
    String s = source.substring(start, end).strip();
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
