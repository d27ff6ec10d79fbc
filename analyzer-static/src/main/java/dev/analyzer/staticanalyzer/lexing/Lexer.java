package dev.analyzer.staticanalyzer.lexing;

import java.util.ArrayList;
import java.util.List;

/**
 * A small single-pass tokenizer for Python and JavaScript/JSX that finds comments and string
 * literals (Python prefixes and triple quotes; JS quotes, template literals with nested
 * {@code ${...}}, regular-expression literals) and builds a {@link CodeView}. Linear time, no
 * regular expressions, so hostile input cannot make it backtrack; an unterminated literal runs to
 * the end of the line (Python single quotes, JS quotes) or the file. Stateless and thread-safe.
 */
public final class Lexer {

  private Lexer() {}

  /** Python source. */
  public static CodeView python(String source) {
    List<Token> tokens = new ArrayList<>();
    int n = source.length();
    int i = 0;
    while (i < n) {
      char c = source.charAt(i);
      if (c == '#') {
        int end = lineEnd(source, i);
        tokens.add(new Token(Token.Kind.COMMENT, i, end, i, end, ""));
        i = end;
      } else if (c == '\'' || c == '"') {
        int prefixStart = pythonPrefixStart(source, i);
        String prefix = source.substring(prefixStart, i);
        i = pythonString(source, prefixStart, i, prefix, tokens);
      } else {
        i++;
      }
    }
    return new CodeView(source, blank(source, tokens), tokens);
  }

  private static int pythonPrefixStart(String s, int quote) {
    int p = quote;
    while (p > 0 && p > quote - 2 && "rRbBuUfF".indexOf(s.charAt(p - 1)) >= 0) {
      p--;
    }
    if (p > 0 && (Character.isLetterOrDigit(s.charAt(p - 1)) || s.charAt(p - 1) == '_')) {
      return quote;
    }
    return p;
  }

  private static int pythonString(String s, int start, int quote, String prefix, List<Token> out) {
    char q = s.charAt(quote);
    boolean raw = prefix.indexOf('r') >= 0 || prefix.indexOf('R') >= 0;
    boolean triple = quote + 2 < s.length() && s.charAt(quote + 1) == q && s.charAt(quote + 2) == q;
    int contentStart = quote + (triple ? 3 : 1);
    int i = contentStart;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\' && !raw) {
        i += 2;
        continue;
      }
      if (c == '\\' && raw) {
        i += 2;
        continue;
      }
      if (!triple && c == '\n') {
        out.add(new Token(Token.Kind.STRING, start, i, contentStart, i, prefix));
        return i;
      }
      if (c == q && (!triple || (i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q))) {
        int end = i + (triple ? 3 : 1);
        out.add(new Token(Token.Kind.STRING, start, end, contentStart, i, prefix));
        return end;
      }
      i++;
    }
    out.add(new Token(Token.Kind.STRING, start, n, contentStart, n, prefix));
    return n;
  }

  /** JavaScript, TypeScript or JSX source. */
  public static CodeView javascript(String source) {
    List<Token> tokens = new ArrayList<>();
    jsScan(source, 0, source.length(), tokens, false);
    return new CodeView(source, blank(source, tokens), tokens);
  }

  /**
   * Scans JS from {@code from}; when {@code inTemplateExpression}, stops at the '}' closing a
   * {@code ${...}} and returns its offset.
   */
  private static int jsScan(String s, int from, int n, List<Token> out, boolean inTemplateExpression) {
    int depth = 0;
    int i = from;
    char lastSignificant = '\0';
    while (i < n) {
      char c = s.charAt(i);
      char next = i + 1 < n ? s.charAt(i + 1) : '\0';
      if (c == '/' && next == '/') {
        int end = lineEnd(s, i);
        out.add(new Token(Token.Kind.COMMENT, i, end, i, end, ""));
        i = end;
      } else if (c == '/' && next == '*') {
        int close = s.indexOf("*/", i + 2);
        int end = close < 0 ? n : close + 2;
        out.add(new Token(Token.Kind.COMMENT, i, end, i, end, ""));
        i = end;
      } else if (c == '\'' || c == '"') {
        i = jsQuoted(s, i, n, out);
        lastSignificant = c;
      } else if (c == '`') {
        i = jsTemplate(s, i, n, out);
        lastSignificant = '`';
      } else if (c == '/' && regexMayStart(lastSignificant)) {
        i = jsRegex(s, i, n, out);
        lastSignificant = '/';
      } else {
        if (inTemplateExpression) {
          if (c == '{') {
            depth++;
          } else if (c == '}') {
            if (depth == 0) {
              return i;
            }
            depth--;
          }
        }
        if (!Character.isWhitespace(c)) {
          lastSignificant = c;
        }
        i++;
      }
    }
    return n;
  }

  private static boolean regexMayStart(char prev) {
    return prev == '\0' || "(,=:[!&|?{};+-*%<>~^".indexOf(prev) >= 0;
  }

  private static int jsQuoted(String s, int quote, int n, List<Token> out) {
    char q = s.charAt(quote);
    int i = quote + 1;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\n') {
        out.add(new Token(Token.Kind.STRING, quote, i, quote + 1, i, ""));
        return i;
      }
      if (c == q) {
        out.add(new Token(Token.Kind.STRING, quote, i + 1, quote + 1, i, ""));
        return i + 1;
      }
      i++;
    }
    out.add(new Token(Token.Kind.STRING, quote, n, quote + 1, n, ""));
    return n;
  }

  /** A template literal: its text parts are strings; {@code ${...}} parts are code. */
  private static int jsTemplate(String s, int tick, int n, List<Token> out) {
    int partStart = tick + 1;
    int i = partStart;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '`') {
        out.add(new Token(Token.Kind.STRING, partStart - 1, i + 1, partStart, i, "`"));
        return i + 1;
      }
      if (c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
        out.add(new Token(Token.Kind.STRING, partStart - 1, i, partStart, i, "`"));
        int close = jsScan(s, i + 2, n, out, true);
        partStart = close + 1;
        i = partStart;
        continue;
      }
      i++;
    }
    out.add(new Token(Token.Kind.STRING, partStart - 1, n, partStart, n, "`"));
    return n;
  }

  private static int jsRegex(String s, int slash, int n, List<Token> out) {
    int i = slash + 1;
    boolean inClass = false;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\n') {
        return slash + 1;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        out.add(new Token(Token.Kind.STRING, slash, i + 1, slash + 1, i, "/"));
        return i + 1;
      }
      i++;
    }
    return slash + 1;
  }

  private static int lineEnd(String s, int from) {
    int end = s.indexOf('\n', from);
    return end < 0 ? s.length() : end;
  }

  /** The code view: comments and string contents become spaces; newlines stay. */
  private static String blank(String source, List<Token> tokens) {
    char[] out = source.toCharArray();
    for (Token t : tokens) {
      int from = t.kind() == Token.Kind.COMMENT ? t.start() : t.contentStart();
      int to = t.kind() == Token.Kind.COMMENT ? t.end() : t.contentEnd();
      for (int i = from; i < Math.min(to, out.length); i++) {
        if (out[i] != '\n' && out[i] != '\r') {
          out[i] = ' ';
        }
      }
    }
    return new String(out);
  }
}
