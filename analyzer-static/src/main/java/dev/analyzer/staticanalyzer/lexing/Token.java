package dev.analyzer.staticanalyzer.lexing;

/**
 * A string literal or comment found by a {@link Lexer}: its kind and its offsets in the source.
 *
 * @param kind STRING or COMMENT
 * @param start offset of the first character (the prefix or opening quote, or the comment marker)
 * @param end offset after the last character
 * @param contentStart offset of the literal's first content character (after prefix and quotes)
 * @param contentEnd offset after its last content character (before the closing quotes)
 * @param prefix a Python string prefix such as {@code f}, {@code rb}, or "`" for a JS template; else empty
 */
public record Token(Kind kind, int start, int end, int contentStart, int contentEnd, String prefix) {

  /** What a token is. */
  public enum Kind { STRING, COMMENT }

  /** The literal's content (without prefix and quotes). */
  public String content(CharSequence source) {
    return source.subSequence(contentStart, contentEnd).toString();
  }

  /** True for Python f-strings and JS template literals. */
  public boolean isInterpolated() {
    return prefix.indexOf('f') >= 0 || prefix.indexOf('F') >= 0 || prefix.equals("`");
  }
}
