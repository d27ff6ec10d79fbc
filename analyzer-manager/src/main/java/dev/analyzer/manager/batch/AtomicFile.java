package dev.analyzer.manager.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file whole or not at all: the bytes go to a temporary file in the same directory,
 * are forced to the disk, and the temporary file is renamed over the target (an atomic rename on
 * POSIX file systems), then the directory is forced too. A reader, or a process that starts after
 * a kill -9 at any point, sees the old content or the new, never a part. Stateless.
 */
public final class AtomicFile {

  private AtomicFile() {}

  /**
   * Writes {@code bytes} to {@code target}, replacing what is there.
   *
   * @throws IOException when the directory cannot be written or the file system cannot rename
   *     atomically (the target is then unchanged)
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically on this file system: " + e.getMessage(), e);
      }
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Forces a directory's entries (a rename, a new file) to the disk, where the platform allows it. */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform opens directories (Windows); the rename itself is still atomic
    }
  }
}
