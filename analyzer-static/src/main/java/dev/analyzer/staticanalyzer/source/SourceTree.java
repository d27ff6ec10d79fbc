package dev.analyzer.staticanalyzer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text files of an app, found by walking its tree: dependency, build and VCS directories are
 * not entered (the original's list), symbolic links are not followed, and binary files (a NUL byte
 * in the first 8 KiB) and files over the size cap are skipped and counted. Immutable.
 */
public final class SourceTree {

  /** Directories never entered, as the original's list. */
  public static final Set<String> IGNORED_DIRECTORIES = Set.of("node_modules", "dist", "build", ".next", ".nuxt",
      ".cache", ".venv", "venv", "__pycache__", ".git", ".tox", ".mypy_cache", "coverage", "site-packages",
      ".pytest_cache", ".idea", ".vscode", "env");

  private static final int BINARY_SNIFF_BYTES = 8192;

  private final Path root;
  private final List<SourceFile> files;
  private final int skippedBinary;
  private final int skippedTooLarge;
  private final int skippedOverLimit;
  private final int ignoredDirectories;

  private SourceTree(Path root, List<SourceFile> files, int binary, int tooLarge, int overLimit, int ignored) {
    this.root = root;
    this.files = Collections.unmodifiableList(files);
    this.skippedBinary = binary;
    this.skippedTooLarge = tooLarge;
    this.skippedOverLimit = overLimit;
    this.ignoredDirectories = ignored;
  }

  /**
   * Walks {@code root}.
   *
   * @param maxFileBytes files larger than this are skipped
   * @param maxFiles files beyond this many are skipped
   */
  public static SourceTree walk(Path root, long maxFileBytes, int maxFiles) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    int[] counts = new int[4];
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root) && IGNORED_DIRECTORIES.contains(dir.getFileName().toString())) {
          counts[3]++;
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        if (attrs.size() > maxFileBytes) {
          counts[1]++;
          return FileVisitResult.CONTINUE;
        }
        if (files.size() >= maxFiles) {
          counts[2]++;
          return FileVisitResult.CONTINUE;
        }
        if (isBinary(file)) {
          counts[0]++;
          return FileVisitResult.CONTINUE;
        }
        String rel = root.relativize(file).toString().replace('\\', '/');
        files.add(new SourceFile(rel, file, Language.of(file.getFileName().toString()), attrs.size()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort((a, b) -> a.path().compareTo(b.path()));
    return new SourceTree(root, files, counts[0], counts[1], counts[2], counts[3]);
  }

  private static boolean isBinary(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(BINARY_SNIFF_BYTES);
      for (byte b : head) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    } catch (IOException unreadable) {
      return true;
    }
  }

  public Path root() {
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
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    counts.forEach((l, n) -> out.put(l.group(), n));
    return out;
  }

  public int skippedBinary() {
    return skippedBinary;
  }

  public int skippedTooLarge() {
    return skippedTooLarge;
  }

  public int skippedOverLimit() {
    return skippedOverLimit;
  }

  public int ignoredDirectories() {
    return ignoredDirectories;
  }
}
