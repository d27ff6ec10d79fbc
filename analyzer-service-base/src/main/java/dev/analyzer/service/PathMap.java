package dev.analyzer.service;

import dev.analyzer.core.settings.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Prefixes of a request's {@code source_path} mapped onto real directories
 * ({@code ANALYZER_PATH_MAP=/app/sources=/srv/apps,...}), so a caller that names paths in another
 * layout (the original's containers mount the apps at {@code /app/sources}) reaches the same files
 * here. Mapping happens before the source-root check, which the mapped path must still pass.
 *
 * <p>A path is normalised ({@code .} and {@code ..} removed) before it is matched, so
 * {@code /app/sources/../x} is {@code /app/x} and never maps; prefixes match whole path segments
 * only ({@code /app/sources} does not match {@code /app/sourcesX}); the longest matching prefix
 * wins. Relative paths are never mapped. Immutable and thread-safe.
 */
public final class PathMap {

  /** One {@code prefix=directory} pair: an absolute normalised prefix and a real directory. */
  public record Entry(Path prefix, Path directory) {

    public Entry {
      if (prefix == null || !prefix.isAbsolute() || !prefix.equals(prefix.normalize())) {
        throw new IllegalArgumentException("path map prefix must be an absolute path without . or .., got " + prefix);
      }
      if (directory == null || !directory.isAbsolute()) {
        throw new IllegalArgumentException("path map directory must be an absolute path, got " + directory);
      }
    }

    @Override
    public String toString() {
      return prefix + "=" + directory;
    }
  }

  private static final PathMap NONE = new PathMap(List.of());

  /** Longest prefix first. */
  private final List<Entry> entries;

  private PathMap(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingInt((Entry e) -> e.prefix().getNameCount()).reversed());
    this.entries = List.copyOf(sorted);
  }

  /** The map that maps nothing (the default). */
  public static PathMap none() {
    return NONE;
  }

  /**
   * A map of {@code entries}.
   *
   * @throws IllegalArgumentException when two entries share a prefix
   */
  public static PathMap of(List<Entry> entries) {
    List<Path> seen = new ArrayList<>();
    for (Entry e : entries) {
      if (seen.contains(e.prefix())) {
        throw new IllegalArgumentException("path map lists prefix " + e.prefix() + " twice");
      }
      seen.add(e.prefix());
    }
    return entries.isEmpty() ? NONE : new PathMap(entries);
  }

  /**
   * Parses {@code prefix=dir[,prefix=dir...]}: each prefix an absolute path without {@code .} or
   * {@code ..} segments, each directory an existing directory (kept as its real path).
   *
   * @param variable the variable the text came from, named in errors
   * @throws SettingsException naming the variable and the bad entry
   */
  public static PathMap parse(String variable, String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    List<Entry> out = new ArrayList<>();
    for (String raw : text.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw bad(variable, entry, "is not prefix=directory (such as /app/sources=/srv/apps)");
      }
      Path prefix = path(variable, entry, entry.substring(0, eq).trim());
      Path dir = path(variable, entry, entry.substring(eq + 1).trim());
      if (!prefix.isAbsolute() || !prefix.equals(prefix.normalize()) || prefix.getNameCount() == 0) {
        throw bad(variable, entry, "needs an absolute prefix other than / without . or .. segments");
      }
      if (!Files.isDirectory(dir)) {
        throw bad(variable, entry, "maps onto " + dir + ", which is not an existing directory");
      }
      try {
        dir = dir.toRealPath();
      } catch (IOException e) {
        throw bad(variable, entry, "maps onto " + dir + ", which cannot be read");
      }
      if (!dir.isAbsolute()) {
        throw bad(variable, entry, "needs an absolute directory");
      }
      Entry e = new Entry(prefix, dir);
      for (Entry o : out) {
        if (o.prefix().equals(prefix)) {
          throw bad(variable, entry, "repeats the prefix " + prefix);
        }
      }
      out.add(e);
    }
    return of(out);
  }

  private static Path path(String variable, String entry, String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw bad(variable, entry, "holds an invalid path: " + text);
    }
  }

  private static SettingsException bad(String variable, String entry, String problem) {
    return new SettingsException(variable, variable + " entry '" + entry + "' " + problem);
  }

  /** The entries, longest prefix first. */
  public List<Entry> entries() {
    return entries;
  }

  /** True when there is no entry. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * {@code path} normalised with its longest matching prefix replaced by that entry's directory, or
   * empty when it is relative or no prefix matches. The result is not checked against the source
   * roots: the caller does that.
   */
  public Optional<Path> map(Path path) {
    if (path == null || !path.isAbsolute() || entries.isEmpty()) {
      return Optional.empty();
    }
    Path normal = path.normalize();
    for (Entry e : entries) {
      if (normal.startsWith(e.prefix())) {
        Path mapped = e.directory().resolve(e.prefix().relativize(normal)).normalize();
        // Cannot leave the directory: a normalised absolute path has no .. left to climb with.
        return mapped.startsWith(e.directory()) ? Optional.of(mapped) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** As the variable reads: {@code prefix=dir,...}, longest prefix first; {@code none} when empty. */
  @Override
  public String toString() {
    if (entries.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries) {
      sb.append(sb.length() == 0 ? "" : ",").append(e);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathMap && ((PathMap) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }
}
