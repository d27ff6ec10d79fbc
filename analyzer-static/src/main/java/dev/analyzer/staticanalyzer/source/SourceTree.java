package dev.analyzer.staticanalyzer.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text files of an app, found by walking its tree under {@link WalkLimits}: dependency, build
 * and VCS directories are not entered (the original's list); no link is followed out of the root
 * (links to files inside it are kept, links to directories are not entered); binary files (a NUL
 * byte in the first 8 KiB), files over the size, count or total-bytes caps and directories below the
 * depth cap are skipped and counted per {@link SkipReason}. Every file is read through the tree's
 * {@link ConfinedRoot}. Immutable and thread-safe.
 */
public final class SourceTree {

  /** Directories never entered, as the original's list. */
  public static final Set<String> IGNORED_DIRECTORIES = Set.of("node_modules", "dist", "build", ".next", ".nuxt",
      ".cache", ".venv", "venv", "__pycache__", ".git", ".tox", ".mypy_cache", "coverage", "site-packages",
      ".pytest_cache", ".idea", ".vscode", "env");

  private final ConfinedRoot root;
  private final List<SourceFile> files;
  private final Map<SkipReason, Integer> skipped;
  private final int ignoredDirectories;
  private final long totalBytes;

  SourceTree(ConfinedRoot root, List<SourceFile> files, Map<SkipReason, Integer> skipped, int ignored,
      long totalBytes) {
    this.root = root;
    this.files = Collections.unmodifiableList(new ArrayList<>(files));
    Map<SkipReason, Integer> copy = new EnumMap<>(SkipReason.class);
    copy.putAll(skipped);
    this.skipped = Collections.unmodifiableMap(copy);
    this.ignoredDirectories = ignored;
    this.totalBytes = totalBytes;
  }

  /**
   * Walks {@code root} (its real path is recorded; see {@link ConfinedRoot}).
   *
   * @throws IOException when the root is not a readable directory
   */
  public static SourceTree walk(Path root, WalkLimits limits) throws IOException {
    return TreeWalk.run(ConfinedRoot.of(root), limits);
  }

  /**
   * Walks the real path of {@code root} with only a file-size and a file-count cap (no total-bytes
   * cap, depth up to 256): for tools and benchmarks that walk a directory they made themselves. The
   * service uses {@link #walk(Path, WalkLimits)} on a path its resolver checked.
   */
  public static SourceTree walk(Path root, long maxFileBytes, int maxFiles) throws IOException {
    return walk(root.toRealPath(), new WalkLimits(maxFileBytes, maxFiles, Long.MAX_VALUE, 256));
  }

  /** The root's real path. */
  public Path root() {
    return root.realPath();
  }

  /** The root the files are read through. */
  public ConfinedRoot confinedRoot() {
    return root;
  }

  public List<SourceFile> files() {
    return files;
  }

  /** The files of one language. */
  public List<SourceFile> files(Language language) {
    List<SourceFile> out = new ArrayList<>();
    for (SourceFile f : files) {
      if (f.language() == language) {
        out.add(f);
      }
    }
    return out;
  }

  /** Counts per language group, for {@code _project_metadata.file_counts}. */
  public Map<String, Integer> fileCounts() {
    Map<Language, Integer> counts = new EnumMap<>(Language.class);
    for (SourceFile f : files) {
      counts.merge(f.language(), 1, Integer::sum);
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.forEach((l, n) -> out.put(l.group(), n));
    return out;
  }

  /** How many entries were skipped for {@code reason}. */
  public int skipped(SkipReason reason) {
    return skipped.getOrDefault(reason, 0);
  }

  /** Every reason with its count (zeros included), for {@code summary.files_skipped}. */
  public Map<String, Integer> skippedCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (SkipReason r : SkipReason.values()) {
      out.put(r.wire(), skipped(r));
    }
    return out;
  }

  public int skippedBinary() {
    return skipped(SkipReason.BINARY);
  }

  public int skippedTooLarge() {
    return skipped(SkipReason.TOO_LARGE);
  }

  public int skippedOverLimit() {
    return skipped(SkipReason.OVER_FILE_LIMIT);
  }

  public int ignoredDirectories() {
    return ignoredDirectories;
  }

  /** The sum of the listed files' sizes. */
  public long totalBytes() {
    return totalBytes;
  }
}
