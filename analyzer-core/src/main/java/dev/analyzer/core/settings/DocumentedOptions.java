package dev.analyzer.core.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares an {@link OptionTable} with the settings tables of a Markdown document (the README):
 * every option must have a row whose first cell names its variable in backticks, whose
 * {@code default} cell starts with the option's default text, and, when the table has a
 * {@code range} column, whose range cell starts with the option's bound. Text after the value
 * (such as {@code (100 MiB)} or {@code (0 = off)}) is left to the writer. Stateless.
 */
public final class DocumentedOptions {

  private DocumentedOptions() {}

  /** The problems found, one line each; empty when the document agrees with the table. */
  public static List<String> mismatches(OptionTable table, String markdown) {
    Map<String, Map<String, String>> rows = rows(markdown);
    List<String> problems = new ArrayList<>();
    for (Option<?> o : table.options()) {
      Map<String, String> row = rows.get(o.name());
      if (row == null) {
        problems.add(o.name() + " (" + table.title() + ") has no row in the document");
        continue;
      }
      String def = row.get("default");
      if (def == null || !def.startsWith(o.defaultText())) {
        problems.add(o.name() + ": the document says default '" + def + "', the code '" + o.defaultText() + "'");
      }
      String range = row.get("range");
      if (range != null && !range.startsWith(o.rangeText())) {
        problems.add(o.name() + ": the document says range '" + range + "', the code '" + o.rangeText() + "'");
      }
    }
    return problems;
  }

  /**
   * Every table row whose first cell is a single backticked variable, by variable, as column
   * header to cell text (headers lower-cased, cells trimmed, backticks around a whole cell removed).
   * A variable in several tables keeps its first row.
   */
  static Map<String, Map<String, String>> rows(String markdown) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    List<String> header = null;
    for (String line : markdown.split("\n")) {
      String t = line.strip();
      if (!t.startsWith("|")) {
        header = null;
        continue;
      }
      List<String> cells = cells(t);
      if (header == null) {
        header = new ArrayList<>();
        for (String c : cells) {
          header.add(c.toLowerCase(Locale.ROOT));
        }
        continue;
      }
      if (cells.isEmpty() || cells.get(0).startsWith("---") || !cells.get(0).matches("`[A-Z][A-Z0-9_]*`")) {
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < cells.size() && i < header.size(); i++) {
        String c = cells.get(i);
        row.put(header.get(i), c.length() > 1 && c.startsWith("`") && c.endsWith("`") && c.indexOf('`', 1) == c.length() - 1
            ? c.substring(1, c.length() - 1) : c);
      }
      out.putIfAbsent(cells.get(0).substring(1, cells.get(0).length() - 1), row);
    }
    return out;
  }

  private static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean code = false;
    for (int i = 1; i < row.length(); i++) {
      char c = row.charAt(i);
      if (c == '`') {
        code = !code;
      }
      if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|' && !code) {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return cells;
  }
}
