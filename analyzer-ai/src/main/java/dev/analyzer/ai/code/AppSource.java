package dev.analyzer.ai.code;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The readable source of one app: Python, JavaScript/TypeScript, HTML and templates under the app
 * directory, without dependency and build directories, symlinks not followed, within a file count
 * and a per-file size cap. Immutable once read; thread-safe.
 */
public final class AppSource {

  private static final Set<String> SKIP_DIRS = Set.of("node_modules", ".git", "__pycache__", "venv", ".venv", "env",
      "dist", "build", ".next", "coverage", ".pytest_cache", ".mypy_cache", "site-packages", ".idea", ".vscode");
  private static final Set<String> EXTENSIONS = Set.of(".py", ".js", ".jsx", ".ts", ".tsx", ".mjs", ".html", ".vue",
      ".svelte", ".css");
  private static final int MAX_DEPTH = 24;

  private final Path root;
  private final List<SourceFile> files;
  private final Map<String, Integer> skipped;

  private AppSource(Path root, List<SourceFile> files, Map<String, Integer> skipped) {
    this.root = root;
    this.files = List.copyOf(files);
    this.skipped = Map.copyOf(skipped);
  }

  /**
   * Reads the app under {@code root}.
   *
   * @throws IOException when {@code root} cannot be listed
   */
  public static AppSource read(Path root, int maxFiles, long maxFileBytes) throws IOException {
    return read(root, maxFiles, maxFileBytes, DEFAULT_MAX_APP_BYTES);
  }

  /** The default of {@code AI_MAX_APP_BYTES}: 32 MiB of source per app. */
  public static final long DEFAULT_MAX_APP_BYTES = 32L * 1024 * 1024;

  /**
   * Reads the app under {@code root}: at most {@code maxFiles} files of at most {@code maxFileBytes}
   * each and {@code maxAppBytes} in all (the rest skipped and counted by reason); lines longer than
   * {@link SourceFile#MAX_LINE_CHARS} are cut (counted as {@code long_lines_cut}).
   *
   * @throws IOException when {@code root} cannot be listed
   */
  public static AppSource read(Path root, int maxFiles, long maxFileBytes, long maxAppBytes) throws IOException {
    List<Path> paths = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return !dir.equals(root) && (SKIP_DIRS.contains(name) || name.startsWith(".")) ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (!attrs.isRegularFile() || dot < 0 || !EXTENSIONS.contains(name.substring(dot)) || name.endsWith(".min.js")) {
          return FileVisitResult.CONTINUE;
        }
        if (attrs.size() > maxFileBytes) {
          skipped.merge("too_large", 1, Integer::sum);
        } else {
          paths.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        skipped.merge("unreadable", 1, Integer::sum);
        return FileVisitResult.CONTINUE;
      }
    });
    paths.sort(null);
    List<SourceFile> files = new ArrayList<>();
    long bytes = 0;
    for (Path p : paths) {
      if (files.size() >= maxFiles) {
        skipped.merge("over_file_limit", 1, Integer::sum);
        continue;
      }
      long size = Files.size(p);
      if (bytes + size > maxAppBytes) {
        skipped.merge("over_app_byte_limit", 1, Integer::sum);
        continue;
      }
      bytes += size;
      Optional<List<String>> lines = lines(p);
      if (lines.isEmpty() || Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        skipped.merge("not_text", 1, Integer::sum);
        continue;
      }
      int cut = SourceFile.overlong(lines.get());
      if (cut > 0) {
        skipped.merge("long_lines_cut", cut, Integer::sum);
      }
      files.add(new SourceFile(root.relativize(p).toString().replace('\\', '/'), lines.get()));
    }
    return new AppSource(root, files, skipped);
  }

  /** An app made of {@code files}, for tests and callers that hold code in memory. */
  public static AppSource of(Path root, List<SourceFile> files) {
    return new AppSource(root, files, Map.of());
  }

  private static Optional<List<String>> lines(Path p) {
    try {
      byte[] bytes = Files.readAllBytes(p);
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return Optional.of(List.of(text.split("\\r?\\n|\\r", -1)));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Path root() {
    return root;
  }

  public List<SourceFile> files() {
    return files;
  }

  /** Skipped files by reason. */
  public Map<String, Integer> skipped() {
    return skipped;
  }

  /** The file at relative {@code path}, if read. */
  public Optional<SourceFile> file(String path) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    return files.stream().filter(f -> f.path().equals(p)).findFirst();
  }

  /** Total lines read. */
  public int totalLines() {
    return files.stream().mapToInt(f -> f.lines().size()).sum();
  }
}
