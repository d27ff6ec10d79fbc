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
 * never following a link. Not thread-safe; each walk or read opens its own.
 */
abstract sealed class ConfinedDirectory implements Closeable {

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /** The entry names, sorted. */
  abstract List<String> names() throws IOException;

  /** The entry's own attributes (a link is reported as a link). */
  abstract BasicFileAttributes attributes(String name) throws IOException;

  /** The child directory {@code name}; fails when it is a link or not a directory. */
  abstract ConfinedDirectory directory(String name) throws IOException;

  /** The regular file {@code name}; fails when it is a link or not a regular file. */
  abstract InputStream file(String name) throws IOException;

  @Override
  public abstract void close() throws IOException;

  /** Relative to an open directory handle ({@code openat}, {@code O_NOFOLLOW}): race-free. */
  static final class Secure extends ConfinedDirectory {
    private final SecureDirectoryStream<Path> dir;

    Secure(SecureDirectoryStream<Path> dir) {
      this.dir = dir;
    }

    @Override
    List<String> names() {
      List<String> out = new ArrayList<>();
      for (Path p : dir) {
        out.add(p.getFileName().toString());
      }
      out.sort(null);
      return out;
    }

    @Override
    BasicFileAttributes attributes(String name) throws IOException {
      return dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NOFOLLOW).readAttributes();
    }

    @Override
    ConfinedDirectory directory(String name) throws IOException {
      return new Secure(dir.newDirectoryStream(Path.of(name), NOFOLLOW));
    }

    @Override
    InputStream file(String name) throws IOException {
      if (!attributes(name).isRegularFile()) {
        throw new IOException(name + " is not a regular file");
      }
      var channel = dir.newByteChannel(Path.of(name), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
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

    private Path checked(String name) throws IOException {
      Path p = dir.resolve(name);
      if (Files.isSymbolicLink(p) || !p.toRealPath().startsWith(root)) {
        throw new IOException(p + " is a link or lies outside " + root);
      }
      return p;
    }

    @Override
    List<String> names() throws IOException {
      List<String> out = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(checked("."))) {
        for (Path p : s) {
          out.add(p.getFileName().toString());
        }
      }
      out.sort(null);
      return out;
    }

    @Override
    BasicFileAttributes attributes(String name) throws IOException {
      return Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, NOFOLLOW);
    }

    @Override
    ConfinedDirectory directory(String name) throws IOException {
      Path p = checked(name);
      if (!attributes(name).isDirectory()) {
        throw new NotDirectoryException(p.toString());
      }
      return new ByPath(root, p);
    }

    @Override
    InputStream file(String name) throws IOException {
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
