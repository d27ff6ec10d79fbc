package dev.analyzer.staticanalyzer.syntax;

import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSPoint;
import org.treesitter.TSRange;

/**
 * Turns char spans to leave out of a parse into tree-sitter's included ranges for the stock binding
 * (byte offsets in UTF-8, see {@link Offsets}, with row and byte column). Stateless.
 */
final class Ranges {

  private Ranges() {}

  /** The UTF-8 bytes of the char at {@code pos}: a surrogate pair's 4 on its high half, 0 on its low half. */
  private static int width(String text, int pos) {
    char c = text.charAt(pos);
    if (Character.isLowSurrogate(c) && pos > 0 && Character.isHighSurrogate(text.charAt(pos - 1))) {
      return 0;
    }
    return Offsets.utf8Width(text, pos);
  }

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
        bytes += width(text, pos);
        if (c == '\n') {
          row++;
          lineStartByte = bytes;
        }
      }
      out.add(new TSRange(startPoint, new TSPoint(row, bytes - lineStartByte), startByte, bytes));
      for (int target = skip[k + 1]; pos < target; pos++) {
        char c = text.charAt(pos);
        bytes += width(text, pos);
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
      bytes += width(text, pos);
      if (c == '\n') {
        row++;
        lineStartByte = bytes;
      }
    }
    out.add(new TSRange(startPoint, new TSPoint(row, bytes - lineStartByte), startByte, bytes));
    return out.toArray(new TSRange[0]);
  }
}
