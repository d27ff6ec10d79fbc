package dev.analyzer.staticanalyzer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk: links never lead out of the root, loops end, and the depth and total-bytes caps hold. */
class SourceTreeTest {

  static final String SECRET = "root:x:0:0:OUTSIDE-SECRET:/root:/bin/bash";
  private static final WalkLimits WIDE = new WalkLimits(1 << 20, 1000, 1 << 30, 32);

  @TempDir
  Path base;
  Path root;
  Path outside;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(base.resolve("app")).toRealPath();
    outside = Files.createDirectories(base.resolve("outside")).toRealPath();
    Files.writeString(outside.resolve("passwd"), SECRET + "\n");
    Files.writeString(outside.resolve("leak.py"), "KEY = '" + SECRET + "'\n");
    Files.writeString(root.resolve("main.py"), "print('hello')\n");
  }

  private static String allContent(SourceTree tree) throws Exception {
    StringBuilder b = new StringBuilder();
    for (SourceFile f : tree.files()) {
      b.append(f.read());
    }
    return b.toString();
  }

  @Test
  void linksToFilesAndDirectoriesOutsideTheRootAreSkippedAndCounted() throws Exception {
    Files.createSymbolicLink(root.resolve("passwd.py"), outside.resolve("passwd"));
    Files.createSymbolicLink(root.resolve("etc"), outside);
    Files.createSymbolicLink(root.resolve("dangling.py"), outside.resolve("nothing-here"));

    SourceTree tree = SourceTree.walk(root, WIDE);

    assertThat(tree.files()).extracting(SourceFile::path).containsExactly("main.py");
    assertThat(tree.skipped(SkipReason.SYMLINK_OUTSIDE_ROOT)).isEqualTo(3);
    assertThat(tree.skippedCounts()).containsEntry("symlink_outside_root", 3);
    assertThat(allContent(tree)).doesNotContain("OUTSIDE-SECRET");
  }

  @Test
  void aDirectoryLinkLoopIsNotFollowedAndTheWalkEnds() throws Exception {
    Path a = Files.createDirectories(root.resolve("a/b"));
    Files.writeString(a.resolve("x.py"), "x = 1\n");
    Files.createSymbolicLink(a.resolve("up"), root.resolve("a"));
    Files.createSymbolicLink(root.resolve("self"), root);
    Files.createSymbolicLink(root.resolve("l1.py"), root.resolve("l2.py"));
    Files.createSymbolicLink(root.resolve("l2.py"), root.resolve("l1.py"));

    SourceTree tree = SourceTree.walk(root, WIDE);

    assertThat(tree.files()).extracting(SourceFile::path).containsExactly("a/b/x.py", "main.py");
    assertThat(tree.skipped(SkipReason.SYMLINK_DIRECTORY)).isEqualTo(2);
    assertThat(tree.skipped(SkipReason.SYMLINK_OUTSIDE_ROOT)).isEqualTo(2);
  }

  @Test
  void aLinkToAFileInsideTheRootIsKeptAndReadThroughItsTarget() throws Exception {
    Files.createDirectories(root.resolve("lib"));
    Files.writeString(root.resolve("lib/real.py"), "value = 42\n");
    Files.createSymbolicLink(root.resolve("alias.py"), root.resolve("lib/real.py"));

    SourceTree tree = SourceTree.walk(root, WIDE);

    SourceFile alias = tree.files().stream().filter(f -> f.path().equals("alias.py")).findFirst().orElseThrow();
    assertThat(alias.stored()).isEqualTo("lib/real.py");
    assertThat(alias.read()).isEqualTo("value = 42\n");
  }

  @Test
  void directoriesBelowTheDepthCapAreNotEnteredAndCounted() throws Exception {
    Path dir = root;
    for (int depth = 1; depth <= 6; depth++) {
      dir = Files.createDirectories(dir.resolve("d" + depth));
      Files.writeString(dir.resolve("f.py"), "depth = " + depth + "\n");
    }

    SourceTree tree = SourceTree.walk(root, new WalkLimits(1 << 20, 1000, 1 << 30, 3));

    assertThat(tree.files()).extracting(SourceFile::path)
        .containsExactly("d1/d2/d3/f.py", "d1/d2/f.py", "d1/f.py", "main.py");
    assertThat(tree.skippedCounts()).containsEntry("too_deep", 1);
  }

  @Test
  void filesPastTheTotalBytesCapAreSkippedAndCounted() throws Exception {
    Files.delete(root.resolve("main.py"));
    for (int i = 0; i < 10; i++) {
      Files.writeString(root.resolve("f" + i + ".py"), "#".repeat(99) + "\n");
    }

    SourceTree tree = SourceTree.walk(root, new WalkLimits(1 << 20, 1000, 450, 32));

    assertThat(tree.files()).extracting(SourceFile::path).containsExactly("f0.py", "f1.py", "f2.py", "f3.py");
    assertThat(tree.totalBytes()).isEqualTo(400);
    assertThat(tree.skippedCounts()).containsEntry("over_total_bytes", 6);
  }

  @Test
  void aRootThatIsNotItsRealPathIsRefused() throws Exception {
    Path link = Files.createSymbolicLink(base.resolve("app-link"), outside);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceTree.walk(link, WIDE))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("only the real path is scanned");
  }
}
