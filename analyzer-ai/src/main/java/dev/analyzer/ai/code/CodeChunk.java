package dev.analyzer.ai.code;

import java.util.ArrayList;
import java.util.List;

/**
 * A window of one file's lines, headed by its path and line numbers when shown to a model.
 * Immutable.
 *
 * @param file relative path
 * @param startLine first line (1-based)
 * @param endLine last line (inclusive)
 * @param text the lines joined with newlines
 */
public record CodeChunk(String file, int startLine, int endLine, String text) {

  /** Lines per chunk. */
  public static final int LINES = 30;
  /** Lines shared by neighbouring chunks. */
  public static final int OVERLAP = 8;

  /** {@code path:start-end}. */
  public String location() {
    return file + ":" + startLine + "-" + endLine;
  }

  /** The chunk as a model sees it: {@code === path lines a-b ===} then each line with its number. */
  public String headed() {
    StringBuilder b = new StringBuilder("=== ").append(file).append(" lines ").append(startLine).append('-')
        .append(endLine).append(" ===\n");
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      b.append(startLine + i).append(": ").append(lines[i]).append('\n');
    }
    return b.toString();
  }

  /** Overlapping windows over every non-blank stretch of every file. */
  public static List<CodeChunk> of(AppSource app) {
    List<CodeChunk> out = new ArrayList<>();
    for (SourceFile f : app.files()) {
      int n = f.lines().size();
      for (int start = 1; start <= n; start += LINES - OVERLAP) {
        int end = Math.min(n, start + LINES - 1);
        String text = f.text(start, end);
        if (!text.isBlank()) {
          out.add(new CodeChunk(f.path(), start, end, text));
        }
        if (end == n) {
          break;
        }
      }
    }
    return out;
  }
}
