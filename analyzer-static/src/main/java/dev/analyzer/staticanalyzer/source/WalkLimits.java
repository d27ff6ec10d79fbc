package dev.analyzer.staticanalyzer.source;

/**
 * The caps of one walk. Immutable.
 *
 * @param maxFileBytes a file larger than this is skipped ({@link SkipReason#TOO_LARGE})
 * @param maxFiles files beyond this many are skipped ({@link SkipReason#OVER_FILE_LIMIT})
 * @param maxTotalBytes a file that would take the sum of the files' sizes past this is skipped
 *     ({@link SkipReason#OVER_TOTAL_BYTES})
 * @param maxDepth directories more than this many levels below the root are not entered
 *     ({@link SkipReason#TOO_DEEP}); files directly in the root are at depth 0
 */
public record WalkLimits(long maxFileBytes, int maxFiles, long maxTotalBytes, int maxDepth) {

  /**
   * The longest path below the root, in UTF-8 bytes, that a file may have to be listed: a tool
   * workspace ({@code $TMPDIR/analyzer-static-<n>/src/}) must still fit in Linux's PATH_MAX (4096)
   * with it, with room for a temporary directory of up to about 900 bytes.
   */
  public static final int MAX_PATH_BYTES = 3072;

  public WalkLimits {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be >= 1, got " + maxFileBytes);
    }
    if (maxFiles < 1) {
      throw new IllegalArgumentException("maxFiles must be >= 1, got " + maxFiles);
    }
    if (maxTotalBytes < 1) {
      throw new IllegalArgumentException("maxTotalBytes must be >= 1, got " + maxTotalBytes);
    }
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must be >= 0, got " + maxDepth);
    }
  }
}
