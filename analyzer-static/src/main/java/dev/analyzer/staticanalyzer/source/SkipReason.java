package dev.analyzer.staticanalyzer.source;

/** Why the walk left an entry out, as counted in the reply's {@code summary.files_skipped}. */
public enum SkipReason {
  /** A NUL byte in the first 8 KiB, or the file could not be read. */
  BINARY("binary"),
  /** Larger than {@code ANALYZER_MAX_FILE_BYTES}. */
  TOO_LARGE("too_large"),
  /** Beyond {@code ANALYZER_MAX_FILES} files. */
  OVER_FILE_LIMIT("over_file_limit"),
  /** Would have taken the files read past {@code ANALYZER_MAX_TOTAL_BYTES}. */
  OVER_TOTAL_BYTES("over_total_bytes"),
  /** A directory nested deeper than {@code ANALYZER_MAX_DEPTH} below the root: not entered (counted once). */
  TOO_DEEP("too_deep"),
  /** A link that points outside the root, or nowhere. */
  SYMLINK_OUTSIDE_ROOT("symlink_outside_root"),
  /** A link to a directory inside the root: not entered, so nothing is visited twice and no loop is followed. */
  SYMLINK_DIRECTORY("symlink_directory"),
  /**
   * A file or directory whose name holds a control character (U+0000..U+001F, U+007F: newline, CR,
   * tab, escape...): such a name can forge lines in a tool's line-based output or a log, so it is not
   * analysed (a directory is not entered; counted once).
   */
  UNSAFE_NAME("unsafe_name"),
  /**
   * An entry the walk could not open or whose attributes could not be read (permission denied,
   * vanished, a directory that fails to open: not entered, counted once), or a name that is not
   * valid in the file-name encoding and reads the same as another entry's (names that are not
   * valid but unique are analysed, opened by their own bytes, reported with U+FFFD in place of the
   * bad bytes).
   */
  UNREADABLE("unreadable"),
  /**
   * A file whose path below the root is longer than {@value WalkLimits#MAX_PATH_BYTES} bytes (UTF-8):
   * its copy in a tool workspace would pass the system's path limit (4096) and fail the tools.
   */
  PATH_TOO_LONG("path_too_long");

  private final String wire;

  SkipReason(String wire) {
    this.wire = wire;
  }

  /** The key in {@code files_skipped}. */
  public String wire() {
    return wire;
  }
}
