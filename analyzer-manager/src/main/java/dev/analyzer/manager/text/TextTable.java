package dev.analyzer.manager.text;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell, so that every row lines up
 * whatever the values. Not thread-safe; build, then print.
 */
public final class TextTable {

  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  public TextTable(String... header) {
    columns = header.length;
    rows.add(header);
  }

  public TextTable row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("a row needs " + columns + " cells, got " + cells.length);
    }
    String[] r = new String[columns];
    for (int i = 0; i < columns; i++) {
      r[i] = cells[i] == null ? "-" : cells[i].toString();
    }
    rows.add(r);
    return this;
  }

  /** The table's lines; the last column is not padded. */
  public List<String> lines() {
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        b.append(i == columns - 1 ? r[i] : pad(r[i], width[i] + 2));
      }
      out.add(b.toString().stripTrailing());
    }
    return out;
  }

  public void print(PrintStream out) {
    lines().forEach(out::println);
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }
}
