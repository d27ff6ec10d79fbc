package dev.analyzer.staticanalyzer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file or directory the walk listed is replaced by a link to outside before it is read: the read
 * fails (or sees the regular file), and the outside content never appears.
 */
class SwappedAfterWalkTest {

  private static final WalkLimits LIMITS = new WalkLimits(1 << 20, 1000, 1 << 30, 32);

  @TempDir
  Path base;
  Path root;
  Path outside;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(base.resolve("app")).toRealPath();
    outside = Files.createDirectories(base.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("config.py"), SourceTreeTest.SECRET + "\n");
    Files.createDirectories(root.resolve("src"));
    Files.writeString(root.resolve("src/config.py"), "DEBUG = False\n");
  }

  private SourceFile walkedConfig() throws IOException {
    SourceTree tree = SourceTree.walk(root, LIMITS);
    assertThat(tree.files()).extracting(SourceFile::path).containsExactly("src/config.py");
    return tree.files().get(0);
  }

  @Test
  void aFileReplacedByALinkAfterTheWalkIsNotRead() throws Exception {
    SourceFile config = walkedConfig();
    Files.delete(root.resolve("src/config.py"));
    Files.createSymbolicLink(root.resolve("src/config.py"), outside.resolve("config.py"));

    assertThatThrownBy(config::read).isInstanceOf(IOException.class);
  }

  @Test
  void aDirectoryReplacedByALinkAfterTheWalkIsNotEntered() throws Exception {
    SourceFile config = walkedConfig();
    Files.move(root.resolve("src"), base.resolve("moved-away"));
    Files.createSymbolicLink(root.resolve("src"), outside);

    assertThatThrownBy(config::read).isInstanceOf(IOException.class);
  }

  @Test
  void theRootReplacedByAnotherDirectoryAfterTheWalkIsNotRead() throws Exception {
    SourceFile config = walkedConfig();
    Files.move(root, base.resolve("old-app"));
    Files.createDirectories(root.resolve("src"));
    Files.copy(outside.resolve("config.py"), root.resolve("src/config.py"));

    assertThatThrownBy(config::read).isInstanceOf(IOException.class).hasMessageContaining("was replaced");
  }

  @Test
  void readsRacingALinkSwapNeverSeeTheOutsideContent() throws Exception {
    SourceFile config = walkedConfig();
    Path file = root.resolve("src/config.py");
    Path regular = base.resolve("regular.py");
    Path link = base.resolve("link.py");
    Files.writeString(regular, "DEBUG = False\n");
    AtomicBoolean stop = new AtomicBoolean();
    Thread swapper = new Thread(() -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      try {
        while (!stop.get()) {
          Files.deleteIfExists(link);
          Files.createSymbolicLink(link, outside.resolve("config.py"));
          Files.move(link, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          LockSupport.parkNanos(random.nextLong(TimeUnit.MICROSECONDS.toNanos(50)));
          Files.copy(regular, base.resolve("tmp.py"), StandardCopyOption.REPLACE_EXISTING);
          Files.move(base.resolve("tmp.py"), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          LockSupport.parkNanos(random.nextLong(TimeUnit.MICROSECONDS.toNanos(50)));
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, "link-swapper");
    swapper.start();
    int failed = 0;
    int read = 0;
    try {
      for (int i = 0; i < 2000; i++) {
        try {
          assertThat(config.read()).doesNotContain("OUTSIDE-SECRET").isEqualTo("DEBUG = False\n");
          read++;
        } catch (IOException refused) {
          failed++;
        }
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MICROSECONDS.toNanos(30)));
      }
    } finally {
      stop.set(true);
      swapper.join();
    }
    assertThat(read + failed).isEqualTo(2000);
    assertThat(failed).as("some reads met the link").isPositive();
  }
}
