package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceFile;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A scratch directory owned by the service, in which one external tool runs: {@code src/} holds a
 * copy of the tree's files of one language (read through the tree's confined root, so the tool never
 * sees a link, a file outside the walk's caps, the app's {@code node_modules} or any of its tool
 * configuration files), {@code config/} the configuration the service writes for the tool, and
 * {@code home/} the tool's {@code HOME}. The tool runs with {@code src/} as its working directory, so
 * the paths it reports are relative to the app root as before. Deleted on {@link #close()}.
 *
 * <p>Not thread-safe: one tool run owns it.
 */
final class ToolWorkspace implements Closeable {

  private static final String PREFIX = "analyzer-static-";
  /** What the workspace's own path reads as in records and messages. */
  static final String PLACEHOLDER = "<workspace>";

  private final Path dir;
  private final Path sources;
  private final Path config;
  private final Path home;
  private final List<String> files;
  private int notCopied;

  private ToolWorkspace(Path dir, List<String> files) {
    this.dir = dir;
    this.sources = dir.resolve("src");
    this.config = dir.resolve("config");
    this.home = dir.resolve("home");
    this.files = Collections.unmodifiableList(files);
  }

  /**
   * Copies the files of {@code language} into a new workspace; files that cannot be copied are left
   * out and counted ({@link #notCopied()}).
   */
  static ToolWorkspace create(SourceTree tree, Language language) throws IOException {
    Path dir = Files.createTempDirectory(PREFIX).toRealPath();
    List<String> copied = new ArrayList<>();
    ToolWorkspace ws = new ToolWorkspace(dir, copied);
    try {
      Files.createDirectories(ws.sources);
      Files.createDirectories(ws.config);
      Files.createDirectories(ws.home);
      for (SourceFile f : tree.files(language)) {
        if (ws.copy(f)) {
          copied.add(f.path());
        } else {
          ws.notCopied++;
        }
      }
      return ws;
    } catch (IOException | RuntimeException e) {
      ws.close();
      throw e;
    }
  }

  /** The workspace itself (a real path): the only directory a sandboxed tool can write. */
  Path directory() {
    return dir;
  }

  /**
   * Copies {@code f} under {@code src/}; false when it cannot be read through the confined root
   * (replaced by a link since the walk, say) or written (a name the copy cannot hold, two names that
   * read the same): that file is left out of this tool's run, never fails it.
   */
  private boolean copy(SourceFile f) {
    try {
      byte[] content = f.readBytes();
      Path target = sources.resolve(f.path()).normalize();
      if (!target.startsWith(sources)) {
        return false;
      }
      Files.createDirectories(target.getParent());
      Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (IOException | java.nio.file.InvalidPathException notCopied) {
      return false;
    }
  }

  /** How many of the tree's files of the language could not be copied (left out of the run). */
  int notCopied() {
    return notCopied;
  }

  /** The copy of the sources: the tool's working directory (a real path). */
  Path sources() {
    return sources;
  }

  /** The tool's {@code HOME}. */
  Path home() {
    return home;
  }

  /** The copied files, relative to {@link #sources()}, in the tree's order. */
  List<String> files() {
    return files;
  }

  /**
   * The copied files as command-line arguments: {@code ./<path>}, so that no argument starts with
   * {@code -} (pylint pre-scans every argument for {@code --init-hook}, {@code --rcfile} and
   * {@code --load-plugins}, even after {@code --}).
   */
  List<String> fileArguments(int max) {
    List<String> out = new ArrayList<>();
    for (String f : files.subList(0, Math.min(max, files.size()))) {
      out.add("./" + f);
    }
    return out;
  }

  /**
   * {@code text} with this workspace's paths made relative: {@code <workspace>/src/a.py} becomes
   * {@code a.py}, any other path in the workspace {@code <workspace>/...}; so no reply names the
   * service's temporary directory.
   */
  String hidePaths(String text) {
    return text.replace(sources + "/", "").replace(sources.toString(), ".").replace(dir.toString(), PLACEHOLDER);
  }

  /** Writes a configuration file of the service's into {@code config/} and returns its path. */
  Path writeConfig(String name, String content) throws IOException {
    return Files.writeString(config.resolve(name), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Deletes the workspace (links inside it are removed, never followed). */
  @Override
  public void close() {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException bestEffort) {
      // a tool that left a file we cannot delete must not fail the analysis; the OS cleans tmp
    }
  }
}
