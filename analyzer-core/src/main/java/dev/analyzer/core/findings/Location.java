package dev.analyzer.core.findings;

/**
 * Where a finding is: a place in a file (static analysis) or a request to a URL (dynamic analysis).
 * Every part is optional, but a location names a file or a URL.
 *
 * @param file the path relative to the analysed source root, with {@code /} separators
 * @param line 1-based line, or {@code null}
 * @param column 1-based column, or {@code null}
 * @param endLine 1-based last line, or {@code null}
 * @param endColumn 1-based last column, or {@code null}
 * @param url the probed URL, or {@code null}
 * @param method the HTTP method, or {@code null}
 * @param parameter the request parameter involved, or {@code null}
 */
public record Location(String file, Integer line, Integer column, Integer endLine, Integer endColumn,
    String url, String method, String parameter) {

  public Location {
    if ((file == null || file.isBlank()) && (url == null || url.isBlank())) {
      throw new IllegalArgumentException("a location needs a file or a url");
    }
    requirePositive(line, "line");
    requirePositive(column, "column");
    requirePositive(endLine, "end_line");
    requirePositive(endColumn, "end_column");
    if (file != null) {
      file = file.replace('\\', '/');
    }
  }

  /** A place in a file; {@code line} and {@code column} may be {@code null}. */
  public static Location inFile(String file, Integer line, Integer column) {
    return new Location(file, line, column, null, null, null, null, null);
  }

  /** A request to a URL; {@code method} and {@code parameter} may be {@code null}. */
  public static Location atUrl(String url, String method, String parameter) {
    return new Location(null, null, null, null, null, url, method, parameter);
  }

  /** True when this names a file rather than a URL. */
  public boolean isFile() {
    return file != null && !file.isBlank();
  }

  /** The file or URL this location names, for fingerprints and grouping. */
  public String subject() {
    if (isFile()) {
      return file;
    }
    return (method == null ? "" : method + " ") + url + (parameter == null ? "" : " ?" + parameter);
  }

  private static void requirePositive(Integer v, String name) {
    if (v != null && v < 1) {
      throw new IllegalArgumentException("location " + name + " must be >= 1, got " + v);
    }
  }
}
