package dev.analyzer.staticanalyzer.syntax;

import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSPoint;
import org.treesitter.TSRange;

/**
 * Turns char spans to leave out of a parse into tree-sitter's included ranges (byte offsets in the
 * JNI's modified UTF-8, with row and byte column). Stateless.
 */
final class Ranges {

  private Ranges() {}

  /**
   * The included ranges of {@code text} without the spans {@code skip} (sorted, disjoint char offset
   * pairs {@code from0, to0, from1, to1, ...}).
   */
  static TSRange[] without(String text, int[] skip) {
    List<TSRange> out = new ArrayList<>(skip.length / 2 + 1);
    int bytes = 0;
    int row = 0;
    int lineStartByte = 0;
    int pos = 0;
    int startByte = 0;
    TSPoint startPoint = new TSPoint(0, 0);
    for (int k = 0; k + 1 < skip.length; k += 2) {
      for (int target = skip[k]; pos < target; pos++) {
        char c = text.charAt(pos);
        bytes += c != 0 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        if (c == '\n') {
          row++;
          lineStartByte = bytes;
        }
      }
      out.add(new TSRange(startPoint, new TSPoint(row, bytes - lineStartByte), startByte, bytes));
      for (int target = skip[k + 1]; pos < target; pos++) {
        char c = text.charAt(pos);
        bytes += c != 0 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        if (c == '\n') {
          row++;
          lineStartByte = bytes;
        }
      }
      startByte = bytes;
      startPoint = new TSPoint(row, bytes - lineStartByte);
    }
    for (; pos < text.length(); pos++) {
      char c = text.charAt(pos);
      bytes += c != 0 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
      if (c == '\n') {
        row++;
        lineStartByte = bytes;
      }
    }
    out.add(new TSRange(startPoint, new TSPoint(row, bytes - lineStartByte), startByte, bytes));
    return out.toArray(new TSRange[0]);
  }
}
