package dev.analyzer.staticanalyzer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * One walk of a {@link ConfinedRoot} under {@link WalkLimits}: directories are entered through
 * their parent's open handle without following links; a link is resolved only to decide whether it
 * leads to a regular file inside the root (kept, read through its target's path under the root), a
 * directory inside it (not entered) or elsewhere (skipped). Not thread-safe: one walk, one thread.
 */
final class TreeWalk {

  private static final int BINARY_SNIFF_BYTES = 8192;

  /** Opens a file to sniff. */
  @FunctionalInterface
  private interface Opener {
    InputStream open() throws IOException;
  }

  private final ConfinedRoot root;
  private final WalkLimits limits;
  private final List<SourceFile> files = new ArrayList<>();
  private final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
  private int ignoredDirectories;
  private long totalBytes;

  private TreeWalk(ConfinedRoot root, WalkLimits limits) {
    this.root = root;
    this.limits = limits;
  }

  static SourceTree run(ConfinedRoot root, WalkLimits limits) throws IOException {
    TreeWalk w = new TreeWalk(root, limits);
    try (ConfinedDirectory top = root.openRoot()) {
      w.walk(top, "", null, 0);
    }
    w.files.sort((a, b) -> a.path().compareTo(b.path()));
    return new SourceTree(root, w.files, w.skipped, w.ignoredDirectories, w.totalBytes);
  }

  /**
   * Walks {@code dir}, whose path is {@code prefix} (reported, "" or ending in '/') and
   * {@code rawPrefix} (the names as listed, null at the root).
   */
  private void walk(ConfinedDirectory dir, String prefix, Path rawPrefix, int depth) throws IOException {
    Set<String> seen = new HashSet<>();
    for (Path raw : dir.names()) {
      String name = raw.toString();
      if (hasControlCharacter(name)) {
        skip(SkipReason.UNSAFE_NAME);
        continue;
      }
      if (!seen.add(name)) {
        skip(SkipReason.UNREADABLE);
        continue;
      }
      String rel = prefix + name;
      Path rawRel = rawPrefix == null ? raw : rawPrefix.resolve(raw);
      BasicFileAttributes a;
      try {
        a = dir.attributes(raw);
      } catch (IOException unreadable) {
        skip(SkipReason.UNREADABLE);
        continue;
      }
      if (a.isSymbolicLink()) {
        link(rel, rawRel, name);
      } else if (a.isDirectory()) {
        if (SourceTree.IGNORED_DIRECTORIES.contains(name)) {
          ignoredDirectories++;
        } else if (depth + 1 > limits.maxDepth()) {
          skip(SkipReason.TOO_DEEP);
        } else {
          ConfinedDirectory child;
          try {
            child = dir.directory(raw);
          } catch (IOException unopenable) {
            skip(SkipReason.UNREADABLE);
            continue;
          }
          try (child) {
            walk(child, rel + "/", rawRel, depth + 1);
          } catch (IOException | java.nio.file.DirectoryIteratorException unlistable) {
            skip(SkipReason.UNREADABLE);
          }
        }
      } else if (a.isRegularFile()) {
        file(rel, rel, rawRel, name, a.size(), () -> dir.file(raw));
      }
    }
  }

  private void link(String rel, Path rawRel, String name) {
    Path real;
    BasicFileAttributes target;
    try {
      real = root.realPath().resolve(rawRel).toRealPath();
      target = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | SecurityException dangling) {
      skip(SkipReason.SYMLINK_OUTSIDE_ROOT);
      return;
    }
    if (!real.startsWith(root.realPath())) {
      skip(SkipReason.SYMLINK_OUTSIDE_ROOT);
    } else if (target.isDirectory()) {
      skip(SkipReason.SYMLINK_DIRECTORY);
    } else if (target.isRegularFile()) {
      Path rawStored = root.realPath().relativize(real);
      String stored = rawStored.toString().replace('\\', '/');
      file(rel, stored, rawStored, name, target.size(), () -> root.open(rawStored));
    }
  }

  private void file(String rel, String stored, Path rawStored, String name, long size, Opener opener) {
    if (rel.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > WalkLimits.MAX_PATH_BYTES) {
      skip(SkipReason.PATH_TOO_LONG);
    } else if (size > limits.maxFileBytes()) {
      skip(SkipReason.TOO_LARGE);
    } else if (files.size() >= limits.maxFiles()) {
      skip(SkipReason.OVER_FILE_LIMIT);
    } else if (totalBytes + size > limits.maxTotalBytes()) {
      skip(SkipReason.OVER_TOTAL_BYTES);
    } else if (isBinary(opener)) {
      skip(SkipReason.BINARY);
    } else {
      totalBytes += size;
      files.add(new SourceFile(rel, stored, Language.of(name), size, root, rawStored));
    }
  }

  /** True when {@code name} holds a C0 control character or DEL ({@link SkipReason#UNSAFE_NAME}). */
  static boolean hasControlCharacter(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private void skip(SkipReason reason) {
    skipped.merge(reason, 1, Integer::sum);
  }

  private static boolean isBinary(Opener opener) {
    try (InputStream in = opener.open()) {
      for (byte b : in.readNBytes(BINARY_SNIFF_BYTES)) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    } catch (IOException unreadable) {
      return true;
    }
  }
}
