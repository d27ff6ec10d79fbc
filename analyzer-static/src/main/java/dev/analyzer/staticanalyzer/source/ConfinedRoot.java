package dev.analyzer.staticanalyzer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Objects;

/**
 * The directory an analysis may read, opened so that nothing reached through it can lie outside it:
 * every directory and file is opened relative to its parent's open handle without following links
 * ({@code openat} with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}), so a link put in
 * place of a file or directory after the walk listed it makes the open fail instead of leading out.
 * The root is identified by its real path and its file key (device and inode) taken when it was
 * first opened; a later open of a different directory at that path is refused.
 *
 * <p>On a platform without secure directory streams each open re-resolves the path's real path,
 * checks it lies under the root's and opens it with {@link LinkOption#NOFOLLOW_LINKS} (a narrow
 * race remains there between the check and the open). Immutable and thread-safe.
 */
public final class ConfinedRoot {

  private final Path realPath;
  private final Object fileKey;

  private ConfinedRoot(Path realPath, Object fileKey) {
    this.realPath = realPath;
    this.fileKey = fileKey;
  }

  /**
   * Opens {@code root} once to record what it is. {@code root} must be a real path (as the source
   * resolver returns it after its roots check): one that now resolves elsewhere, because a link was
   * put in its place since the check, is refused.
   *
   * @throws IOException when it is not a readable directory, is not a real path or changed while it was opened
   */
  public static ConfinedRoot of(Path root) throws IOException {
    Path real = root.toRealPath();
    if (!real.equals(root.toAbsolutePath().normalize())) {
      throw new IOException(root + " resolves to " + real + " (a link); only the real path is scanned");
    }
    Object key = Files.readAttributes(real, java.nio.file.attribute.BasicFileAttributes.class,
        LinkOption.NOFOLLOW_LINKS).fileKey();
    ConfinedRoot r = new ConfinedRoot(real, key);
    try (ConfinedDirectory d = r.openRoot()) {
      return r;
    }
  }

  /** The root's real path, the base of every relative path given to this root. */
  public Path realPath() {
    return realPath;
  }

  /** The root directory, opened and checked to be the one recorded. The caller closes it. */
  ConfinedDirectory openRoot() throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(realPath);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      try {
        Object opened = secure.getFileAttributeView(java.nio.file.attribute.BasicFileAttributeView.class)
            .readAttributes().fileKey();
        if (!Objects.equals(opened, fileKey) || !realPath.toRealPath().equals(realPath)) {
          throw new IOException("the source root " + realPath + " was replaced while it was analysed");
        }
        return new ConfinedDirectory.Secure(secure);
      } catch (IOException | RuntimeException e) {
        stream.close();
        throw e;
      }
    }
    stream.close();
    return new ConfinedDirectory.ByPath(realPath, realPath);
  }

  /**
   * Opens the regular file at {@code relative} (a {@code /}-separated path under the root, no
   * {@code .} or {@code ..} parts) without following any link on the way.
   *
   * @throws IOException when a part is missing, is a link, or the file is not a regular file
   */
  public InputStream open(String relative) throws IOException {
    for (String p : relative.split("/")) {
      if (p.isEmpty() || p.equals(".") || p.equals("..")) {
        throw new IOException("not a plain relative path: " + relative);
      }
    }
    return open(Path.of(relative));
  }

  /**
   * Opens the regular file at {@code relative} (a relative path of plain names, as the walk built
   * it from the names the directories listed, so names that are not valid in the file-name encoding
   * keep their bytes) without following any link on the way.
   */
  InputStream open(Path relative) throws IOException {
    if (relative.isAbsolute() || relative.getNameCount() == 0) {
      throw new IOException("not a plain relative path: " + relative);
    }
    for (Path p : relative) {
      if (p.toString().equals(".") || p.toString().equals("..")) {
        throw new IOException("not a plain relative path: " + relative);
      }
    }
    ConfinedDirectory dir = openRoot();
    try {
      int n = relative.getNameCount();
      for (int i = 0; i < n - 1; i++) {
        ConfinedDirectory child = dir.directory(relative.getName(i));
        dir.close();
        dir = child;
      }
      return dir.file(relative.getName(n - 1));
    } finally {
      dir.close();
    }
  }

  /** The content of the file at {@code relative}, at most {@code maxBytes} of it; see {@link #open}. */
  public byte[] read(String relative, long maxBytes) throws IOException {
    try (InputStream in = open(relative)) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes));
    }
  }

  /** The content of the file at the raw {@code relative} path, at most {@code maxBytes}; see {@link #open(Path)}. */
  byte[] read(Path relative, long maxBytes) throws IOException {
    try (InputStream in = open(relative)) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes));
    }
  }
}
