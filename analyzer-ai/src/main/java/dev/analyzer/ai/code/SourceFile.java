package dev.analyzer.ai.code;

import java.util.List;
import java.util.Locale;

/**
 * One source file of the app, read into lines. Immutable.
 *
 * @param path path relative to the app directory, with {@code /} separators
 * @param lines the file's lines (no terminators), each cut to {@link #MAX_LINE_CHARS}
 */
public record SourceFile(String path, List<String> lines) {

  /** Longer lines (minified code) are cut to this many characters before any pattern sees them. */
  public static final int MAX_LINE_CHARS = 2000;

  public SourceFile {
    lines = lines.stream().map(l -> l.length() > MAX_LINE_CHARS ? l.substring(0, MAX_LINE_CHARS) : l).toList();
  }

  /** How many of {@code lines} are longer than {@link #MAX_LINE_CHARS}. */
  public static int overlong(List<String> lines) {
    return (int) lines.stream().filter(l -> l.length() > MAX_LINE_CHARS).count();
  }

  /** True for Python files. */
  public boolean isPython() {
    return path.endsWith(".py");
  }

  /** True for JavaScript and TypeScript files (with or without JSX). */
  public boolean isScript() {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".js") || p.endsWith(".jsx") || p.endsWith(".ts") || p.endsWith(".tsx") || p.endsWith(".mjs");
  }

  /** True for TypeScript. */
  public boolean isTypeScript() {
    return path.endsWith(".ts") || path.endsWith(".tsx");
  }

  /** True for test files ({@code test_*.py}, {@code *_test.py}, {@code *.test.js}, {@code tests/...}). */
  public boolean isTest() {
    String p = path.toLowerCase(Locale.ROOT);
    String name = p.substring(p.lastIndexOf('/') + 1);
    return name.startsWith("test_") || name.endsWith("_test.py") || name.contains(".test.") || name.contains(".spec.")
        || p.contains("/tests/") || p.startsWith("tests/") || p.contains("__tests__/");
  }

  /** Line {@code n} (1-based), or null past the end. */
  public String line(int n) {
    return n >= 1 && n <= lines.size() ? lines.get(n - 1) : null;
  }

  /** Lines {@code from..to} (1-based, inclusive, clamped) joined with newlines. */
  public String text(int from, int to) {
    int a = Math.max(1, from);
    int b = Math.min(lines.size(), to);
    return a > b ? "" : String.join("\n", lines.subList(a - 1, b));
  }
}
