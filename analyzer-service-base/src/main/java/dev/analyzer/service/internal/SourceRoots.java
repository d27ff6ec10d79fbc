package dev.analyzer.service.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import dev.analyzer.service.PathMap;

/**
 * The directories source paths must lie under ({@code ANALYZER_SOURCE_ROOTS}). Every path is
 * checked after {@code ..} and symlinks are resolved: the longest prefix of it that exists is
 * resolved to its real path and the rest appended, so a path that does not exist yet is refused
 * when an existing parent is a link out of the roots; a dangling link on the way is refused, since
 * what it will point to is unknown. A relative path is taken relative to the first root. The check
 * does file-system work (it may block), so call it off the event loop. Refusals name the path the
 * caller gave, never the roots.
 *
 * <p>A request's own {@code source_path} ({@link #resolveRequested}) first goes through the
 * {@link PathMap} ({@code ANALYZER_PATH_MAP}); the mapped path is then checked like any other, and a
 * refusal still names the path the request gave. Immutable and thread-safe.
 */
public final class SourceRoots {

  private final List<Path> roots;
  private final PathMap pathMap;

  /** @param roots real (symlink-free) absolute directories */
  public SourceRoots(List<Path> roots) {
    this(roots, PathMap.none());
  }

  /**
   * @param roots real (symlink-free) absolute directories
   * @param pathMap prefixes of requested paths mapped before the check
   */
  public SourceRoots(List<Path> roots, PathMap pathMap) {
    if (roots == null || roots.isEmpty()) {
      throw new IllegalArgumentException("at least one source root is required");
    }
    if (pathMap == null) {
      throw new IllegalArgumentException("path map must not be null (use PathMap.none())");
    }
    this.roots = List.copyOf(roots);
    this.pathMap = pathMap;
  }

  /**
   * The checked real path of a request's {@code source_path}: mapped through the path map when a
   * prefix matches, then checked as {@link #resolve(String)} does. Refusals name {@code path}.
   *
   * @throws IllegalArgumentException naming the path when it is blank, holds a NUL, or lies outside the roots
   */
  public Path resolveRequested(String path) {
    Path given = parse(path);
    Path mapped = pathMap.map(given).orElse(given);
    return check(mapped, given);
  }

  /**
   * The checked real path of {@code path}.
   *
   * @throws IllegalArgumentException naming the path when it is blank, holds a NUL, or lies outside the roots
   */
  public Path resolve(String path) {
    return resolve(parse(path));
  }

  private static Path parse(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("source_path is empty");
    }
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("source_path contains a NUL character");
    }
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("source_path is not a valid path: " + path);
    }
  }

  /** As {@link #resolve(String)}. */
  public Path resolve(Path p) {
    if (p == null || p.toString().isBlank()) {
      throw new IllegalArgumentException("source_path is empty");
    }
    if (p.toString().indexOf('\0') >= 0) {
      throw new IllegalArgumentException("source_path contains a NUL character");
    }
    return check(p, p);
  }

  /** Checks {@code p}; refusals name {@code given}. */
  private Path check(Path p, Path given) {
    Path absolute = (p.isAbsolute() ? p : roots.get(0).resolve(p)).normalize();
    Path checked = realPath(absolute, given);
    for (Path root : roots) {
      if (checked.startsWith(root)) {
        return checked;
      }
    }
    throw outside(given);
  }

  /** The real path of the longest existing prefix of {@code absolute}, with the rest appended. */
  private static Path realPath(Path absolute, Path given) {
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException("source_path " + given + " goes through a symlink that points nowhere");
      }
      existing = existing.getParent();
    }
    if (existing == null) {
      throw outside(given);
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("source_path cannot be read: " + given);
    }
    return real.resolve(existing.relativize(absolute)).normalize();
  }

  private static IllegalArgumentException outside(Path given) {
    return new IllegalArgumentException("source_path " + given
        + " lies outside the allowed source roots (set ANALYZER_SOURCE_ROOTS to allow more)");
  }

  public List<Path> roots() {
    return roots;
  }

  /** The prefixes {@link #resolveRequested} maps. */
  public PathMap pathMap() {
    return pathMap;
  }
}
