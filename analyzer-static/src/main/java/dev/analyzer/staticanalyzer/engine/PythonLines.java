package dev.analyzer.staticanalyzer.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's logical lines, found without a parser: strings (single, triple, with prefixes), comments,
 * brackets and backslash continuations are followed so a line inside a string or a bracket is not
 * taken for a statement. Only lines with code are listed. A file it cannot follow (an unterminated
 * string or bracket) gives an empty list. Stateless.
 */
final class PythonLines {

  /**
   * One logical line with code.
   *
   * @param start offset of its first physical line
   * @param codeStart offset of its first code character
   * @param end offset of the newline that ends it (or the text's length)
   * @param indent its indentation width (tabs to the next multiple of 8)
   * @param def true when it starts with {@code def} or {@code async def}
   * @param blockHeader true when its last code character is {@code :} (its block starts on the next line)
   */
  record Line(int start, int codeStart, int end, int indent, boolean def, boolean blockHeader) {}

  /** Minimum length of a comment or docstring interior worth leaving out of a parse. */
  static final int MIN_TRIVIA = 16;

  private PythonLines() {}

  static List<Line> of(String s) {
    return of(s, null);
  }

  /**
   * The logical lines; when {@code trivia} is given, the interiors of comments and of statement-level
   * triple-quoted strings (docstrings, without an {@code f} prefix) longer than {@value #MIN_TRIVIA}
   * are added to it as sorted char offset pairs: no rule reads them from the tree.
   */
  static List<Line> of(String s, List<int[]> trivia) {
    List<Line> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      int start = i;
      int indent = 0;
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) {
        indent = s.charAt(i) == '\t' ? (indent / 8 + 1) * 8 : s.charAt(i) == ' ' ? indent + 1 : 0;
        i++;
      }
      if (i >= n) {
        break;
      }
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        i++;
        continue;
      }
      if (c == '#') {
        int e = lineEnd(s, i);
        comment(trivia, i, e);
        i = e;
        continue;
      }
      int codeStart = i;
      int stringEnd = -1;
      int depth = 0;
      char last = 0;
      while (i < n) {
        c = s.charAt(i);
        if (c == '#') {
          int e = lineEnd(s, i);
          comment(trivia, i, e);
          i = e;
          continue;
        }
        if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r')) {
          i += s.charAt(i + 1) == '\r' && i + 2 < n && s.charAt(i + 2) == '\n' ? 3 : 2;
          continue;
        }
        if (c == '\n' || c == '\r') {
          if (depth == 0) {
            break;
          }
          i++;
          continue;
        }
        if (c == '"' || c == '\'') {
          int from = i;
          i = skipString(s, i);
          if (i < 0) {
            return List.of();
          }
          if (from == codeStart && i - from > 6 + MIN_TRIVIA && s.charAt(from + 1) == c && s.charAt(from + 2) == c) {
            stringEnd = i;
          }
          last = c;
          continue;
        }
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          depth = Math.max(0, depth - 1);
        }
        if (c != ' ' && c != '\t' && c != '\f') {
          last = c;
        }
        i++;
      }
      if (depth != 0) {
        return List.of();
      }
      if (trivia != null && stringEnd > 0 && restBlank(s, stringEnd, i)) {
        trivia.add(new int[] {codeStart + 3, stringEnd - 3});
      }
      boolean def = s.startsWith("def ", codeStart) || s.startsWith("def\t", codeStart)
          || s.startsWith("async def ", codeStart);
      out.add(new Line(start, codeStart, i, indent, def, last == ':'));
    }
    return out;
  }

  private static void comment(List<int[]> trivia, int hash, int end) {
    if (trivia != null && end - hash - 1 > MIN_TRIVIA) {
      trivia.add(new int[] {hash + 1, end});
    }
  }

  /** True when {@code s[from, to)} holds only blanks and a comment. */
  private static boolean restBlank(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c == '#') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\f') {
        return false;
      }
    }
    return true;
  }

  private static int lineEnd(String s, int i) {
    int n = s.length();
    while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** The offset after the string starting at {@code i}, or -1 when it does not end. */
  private static int skipString(String s, int i) {
    int n = s.length();
    char q = s.charAt(i);
    boolean triple = i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
    int j = i + (triple ? 3 : 1);
    while (j < n) {
      char c = s.charAt(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == q) {
        if (!triple) {
          return j + 1;
        }
        if (j + 2 < n && s.charAt(j + 1) == q && s.charAt(j + 2) == q) {
          return j + 3;
        }
      } else if (!triple && (c == '\n' || c == '\r')) {
        return -1;
      }
      j++;
    }
    return -1;
  }
}
