package dev.analyzer.staticanalyzer.lexing;

import java.util.List;

/**
 * A source file seen two ways: the original text, and the same text with every comment and the
 * content of every string literal replaced by spaces (quotes, prefixes and newlines kept, so
 * offsets and line numbers are identical). Code rules match the code view, so a commented-out
 * {@code eval(} or {@code password=} inside a docstring can never trigger them. Immutable.
 */
public final class CodeView {

  private final String source;
  private final String code;
  private final List<Token> tokens;
  private final int[] lineStarts;

  CodeView(String source, String code, List<Token> tokens) {
    this.source = source;
    this.code = code;
    this.tokens = List.copyOf(tokens);
    this.lineStarts = lineStarts(source);
  }

  /** The original text. */
  public String source() {
    return source;
  }

  /** The text with comments and string contents blanked. */
  public String code() {
    return code;
  }

  /** String literals and comments, in order. */
  public List<Token> tokens() {
    return tokens;
  }

  /** 1-based line of {@code offset}. */
  public int line(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /** 1-based column of {@code offset}. */
  public int column(int offset) {
    return offset - lineStarts[line(offset) - 1] + 1;
  }

  /** The original text of the line holding {@code offset}, trimmed and cut to 200 characters. */
  public String lineText(int offset) {
    int start = lineStarts[line(offset) - 1];
    int end = source.indexOf('\n', start);
    String text = source.substring(start, end < 0 ? source.length() : end).strip();
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  /** The string literal whose span contains {@code offset}, if any. */
  public Token stringAt(int offset) {
    for (Token t : tokens) {
      if (t.kind() == Token.Kind.STRING && t.start() <= offset && offset < t.end()) {
        return t;
      }
      if (t.start() > offset) {
        break;
      }
    }
    return null;
  }

  private static int[] lineStarts(String s) {
    int n = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    int[] starts = new int[n];
    int k = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        starts[k++] = i + 1;
      }
    }
    return starts;
  }
}
