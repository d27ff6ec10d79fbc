package dev.analyzer.service.process.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private directory (mode 700) that the processes of one analysis get as {@code HOME} and
 * {@code TMPDIR}: created on first use, deleted with everything in it by {@link #delete()} (symlinks
 * are removed, never followed). Thread-safe.
 */
final class ScratchDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);
  static final String PREFIX = "analyzer-scratch-";

  private final Path parent;
  private Path dir;
  private boolean deleted;

  /** A scratch directory to be created under {@code parent}. */
  ScratchDirectory(Path parent) {
    this.parent = parent;
  }

  /** A scratch directory under {@code java.io.tmpdir}. */
  static ScratchDirectory inTempDir() {
    return new ScratchDirectory(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * The directory, created on the first call.
   *
   * @throws IllegalStateException once deleted
   * @throws UncheckedIOException when it cannot be created
   */
  synchronized Path get() {
    if (deleted) {
      throw new IllegalStateException("the scratch directory was already deleted");
    }
    if (dir == null) {
      try {
        dir = Files.createTempDirectory(parent, PREFIX);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a scratch directory under " + parent, e);
      }
    }
    return dir;
  }

  /** The directory if it was created and not yet deleted. */
  synchronized Path existing() {
    return deleted ? null : dir;
  }

  /** Deletes the directory and its contents; later {@link #get()} calls fail. Idempotent, never throws. */
  synchronized void delete() {
    deleted = true;
    if (dir == null) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not delete scratch directory {}: {}", dir, e.toString());
    }
  }
}
