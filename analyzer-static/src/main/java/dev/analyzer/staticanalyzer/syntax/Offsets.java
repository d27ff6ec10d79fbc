package dev.analyzer.staticanalyzer.syntax;

import java.util.Arrays;

/**
 * Maps tree-sitter's byte offsets (the stock binding hands it the text as UTF-8: one byte up to
 * U+007F, two up to U+07FF, three for other BMP chars, four for a surrogate pair, three for a lone
 * surrogate, which becomes U+FFFD) back to char offsets, and char offsets to 1-based columns. ASCII
 * text maps one to one without a table. Immutable.
 */
final class Offsets {

  private final int[] byteToChar;
  private final int[] lineStarts;

  private Offsets(int[] byteToChar, int[] lineStarts) {
    this.byteToChar = byteToChar;
    this.lineStarts = lineStarts;
  }

  /** Offsets that already are char offsets (the optimised binding's UTF-16 input): lines and columns only. */
  static Offsets ofChars(String s) {
    int n = s.length();
    int lines = 1;
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) == '\n') {
        lines++;
      }
    }
    int[] starts = new int[lines];
    for (int i = 0, k = 1; i < n && k < lines; i++) {
      if (s.charAt(i) == '\n') {
        starts[k++] = i + 1;
      }
    }
    return new Offsets(null, starts);
  }

  static Offsets of(String s) {
    int n = s.length();
    int lines = 1;
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        lines++;
      }
      if (c > 0x7F) {
        ascii = false;
      }
    }
    int[] starts = new int[lines];
    int k = 1;
    for (int i = 0; i < n && k < lines; i++) {
      if (s.charAt(i) == '\n') {
        starts[k++] = i + 1;
      }
    }
    if (ascii) {
      return new Offsets(null, starts);
    }
    int[] map = new int[n * 3 + 1];
    int b = 0;
    for (int i = 0; i < n; i++) {
      int width = utf8Width(s, i);
      for (int j = 0; j < width; j++) {
        map[b++] = i;
      }
      if (width == 4) {
        i++;
      }
    }
    map[b] = n;
    return new Offsets(Arrays.copyOf(map, b + 1), starts);
  }

  /**
   * The UTF-8 length of the char at {@code i}: 4 for a high surrogate followed by a low one (the
   * pair), 3 for a lone surrogate (encoded as U+FFFD).
   */
  static int utf8Width(String s, int i) {
    char c = s.charAt(i);
    if (c <= 0x7F) {
      return 1;
    }
    if (c <= 0x7FF) {
      return 2;
    }
    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      return 4;
    }
    return 3;
  }

  int charAt(int byteOffset) {
    if (byteToChar == null) {
      return byteOffset;
    }
    return byteToChar[Math.max(0, Math.min(byteOffset, byteToChar.length - 1))];
  }

  /** 1-based line of a char offset. */
  int line(int charOffset) {
    int i = Arrays.binarySearch(lineStarts, charOffset);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  int column(int charOffset) {
    int i = Arrays.binarySearch(lineStarts, charOffset);
    int line = i >= 0 ? i : -i - 2;
    return charOffset - lineStarts[Math.max(0, line)] + 1;
  }
}
