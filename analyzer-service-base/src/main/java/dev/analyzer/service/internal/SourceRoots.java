package dev.analyzer.service.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directories source paths must lie under. A path is normalized ({@code ..} removed) and, when
 * it exists, resolved through symlinks before the check, so neither traversal nor a link can escape.
 * A path under a root that does not exist is accepted here; the service reports it as missing.
 * Immutable and thread-safe.
 */
public final class SourceRoots {

  private final List<Path> roots;

  /** @param roots real (symlink-free) absolute directories */
  public SourceRoots(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /**
   * The checked path.
   *
   * @throws IllegalArgumentException naming the path and the roots when it lies outside them
   */
  public Path resolve(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("source_path is empty");
    }
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("source_path contains a NUL character");
    }
    Path p;
    try {
      p = Path.of(path);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("source_path is not a valid path: " + path);
    }
    return resolve(p);
  }

  /** As {@link #resolve(String)}; a relative path is taken relative to the first root. */
  public Path resolve(Path p) {
    Path absolute = (p.isAbsolute() ? p : roots.get(0).resolve(p)).normalize();
    Path checked = absolute;
    if (Files.exists(absolute)) {
      try {
        checked = absolute.toRealPath();
      } catch (IOException e) {
        throw new IllegalArgumentException("source_path cannot be read: " + absolute);
      }
    }
    for (Path root : roots) {
      if (checked.startsWith(root)) {
        return checked;
      }
    }
    throw new IllegalArgumentException("source_path " + p + " lies outside the allowed source roots "
        + roots + " (set ANALYZER_SOURCE_ROOTS to allow more)");
  }

  public List<Path> roots() {
    return roots;
  }
}
