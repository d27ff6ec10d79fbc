package dev.analyzer.staticanalyzer.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One open directory under a {@link ConfinedRoot}: lists its entries and opens children by name,
 * never following a link. Names are single-element {@link Path}s as the directory listed them, so a
 * name whose bytes are not valid in the file-name encoding (say {@code evil\xff.py}) is opened by its
 * own bytes, not by a lossy string. Not thread-safe; each walk or read opens its own.
 */
abstract sealed class ConfinedDirectory implements Closeable {

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /** The entry names (raw single-element paths), sorted by their string form. */
  abstract List<Path> names() throws IOException;

  /** The entry's own attributes (a link is reported as a link). */
  abstract BasicFileAttributes attributes(Path name) throws IOException;

  /** The child directory {@code name}; fails when it is a link or not a directory. */
  abstract ConfinedDirectory directory(Path name) throws IOException;

  /** The regular file {@code name}; fails when it is a link or not a regular file. */
  abstract InputStream file(Path name) throws IOException;

  static void sort(List<Path> names) {
    names.sort((a, b) -> a.toString().compareTo(b.toString()));
  }

  @Override
  public abstract void close() throws IOException;

  /** Relative to an open directory handle ({@code openat}, {@code O_NOFOLLOW}): race-free. */
  static final class Secure extends ConfinedDirectory {
    private final SecureDirectoryStream<Path> dir;

    Secure(SecureDirectoryStream<Path> dir) {
      this.dir = dir;
    }

    @Override
    List<Path> names() {
      List<Path> out = new ArrayList<>();
      for (Path p : dir) {
        out.add(p.getFileName());
      }
      sort(out);
      return out;
    }

    @Override
    BasicFileAttributes attributes(Path name) throws IOException {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
    }

    @Override
    ConfinedDirectory directory(Path name) throws IOException {
      return new Secure(dir.newDirectoryStream(name, NOFOLLOW));
    }

    @Override
    InputStream file(Path name) throws IOException {
      if (!attributes(name).isRegularFile()) {
        throw new IOException(name + " is not a regular file");
      }
      var channel = dir.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
      return Channels.newInputStream(channel);
    }

    @Override
    public void close() throws IOException {
      dir.close();
    }
  }

  /** By path, re-checking the real path lies under the root before each open (see {@link ConfinedRoot}). */
  static final class ByPath extends ConfinedDirectory {
    private final Path root;
    private final Path dir;

    ByPath(Path root, Path dir) {
      this.root = root;
      this.dir = dir;
    }

    private Path checked(Path name) throws IOException {
      Path p = dir.resolve(name);
      if (Files.isSymbolicLink(p) || !p.toRealPath().startsWith(root)) {
        throw new IOException(p + " is a link or lies outside " + root);
      }
      return p;
    }

    @Override
    List<Path> names() throws IOException {
      List<Path> out = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(checked(Path.of(".")))) {
        for (Path p : s) {
          out.add(p.getFileName());
        }
      }
      sort(out);
      return out;
    }

    @Override
    BasicFileAttributes attributes(Path name) throws IOException {
      return Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, NOFOLLOW);
    }

    @Override
    ConfinedDirectory directory(Path name) throws IOException {
      Path p = checked(name);
      if (!attributes(name).isDirectory()) {
        throw new NotDirectoryException(p.toString());
      }
      return new ByPath(root, p);
    }

    @Override
    InputStream file(Path name) throws IOException {
      Path p = checked(name);
      if (!attributes(name).isRegularFile()) {
        throw new IOException(p + " is not a regular file");
      }
      return Files.newInputStream(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {}
  }
}
