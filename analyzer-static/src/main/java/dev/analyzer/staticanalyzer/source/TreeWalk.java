package dev.analyzer.staticanalyzer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
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
      w.walk(top, "", 0);
    }
    w.files.sort((a, b) -> a.path().compareTo(b.path()));
    return new SourceTree(root, w.files, w.skipped, w.ignoredDirectories, w.totalBytes);
  }

  private void walk(ConfinedDirectory dir, String prefix, int depth) throws IOException {
    for (String name : dir.names()) {
      if (hasControlCharacter(name)) {
        skip(SkipReason.UNSAFE_NAME);
        continue;
      }
      String rel = prefix + name;
      BasicFileAttributes a;
      try {
        a = dir.attributes(name);
      } catch (IOException vanished) {
        continue;
      }
      if (a.isSymbolicLink()) {
        link(rel, name);
      } else if (a.isDirectory()) {
        if (SourceTree.IGNORED_DIRECTORIES.contains(name)) {
          ignoredDirectories++;
        } else if (depth + 1 > limits.maxDepth()) {
          skip(SkipReason.TOO_DEEP);
        } else {
          try (ConfinedDirectory child = dir.directory(name)) {
            walk(child, rel + "/", depth + 1);
          } catch (IOException replacedOrGone) {
            // a directory turned into a link (or removed) since it was listed is not entered
          }
        }
      } else if (a.isRegularFile()) {
        file(rel, rel, name, a.size(), () -> dir.file(name));
      }
    }
  }

  private void link(String rel, String name) {
    Path real;
    BasicFileAttributes target;
    try {
      real = root.realPath().resolve(rel).toRealPath();
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
      String stored = root.realPath().relativize(real).toString().replace('\\', '/');
      file(rel, stored, name, target.size(), () -> root.open(stored));
    }
  }

  private void file(String rel, String stored, String name, long size, Opener opener) {
    if (size > limits.maxFileBytes()) {
      skip(SkipReason.TOO_LARGE);
    } else if (files.size() >= limits.maxFiles()) {
      skip(SkipReason.OVER_FILE_LIMIT);
    } else if (totalBytes + size > limits.maxTotalBytes()) {
      skip(SkipReason.OVER_TOTAL_BYTES);
    } else if (isBinary(opener)) {
      skip(SkipReason.BINARY);
    } else {
      totalBytes += size;
      files.add(new SourceFile(rel, stored, Language.of(name), size, root));
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
