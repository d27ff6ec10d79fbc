package dev.analyzer.staticanalyzer.syntax;

import java.util.Arrays;

/**
 * Maps tree-sitter's byte offsets (the JNI hands it the text as modified UTF-8: one byte for
 * U+0001..U+007F, two for U+0000 and up to U+07FF, three for every other UTF-16 unit) back to char
 * offsets, and char offsets to 1-based columns. ASCII text maps one to one without a table. Immutable.
 */
final class Offsets {

  private final int[] byteToChar;
  private final int[] lineStarts;

  private Offsets(int[] byteToChar, int[] lineStarts) {
    this.byteToChar = byteToChar;
    this.lineStarts = lineStarts;
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
      if (c == 0 || c > 0x7F) {
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
      char c = s.charAt(i);
      int width = c != 0 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
      for (int j = 0; j < width; j++) {
        map[b++] = i;
      }
    }
    map[b] = n;
    return new Offsets(Arrays.copyOf(map, b + 1), starts);
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
