package dev.analyzer.staticanalyzer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given names that are not valid UTF-8 (the review's {@code evil\xff.py} and {@code hid\xffden/}),
 * two such names that read the same, and a directory that cannot be opened, when the tree is walked,
 * then the invalid names are analysed (opened by their own bytes, reported with U+FFFD), the
 * ambiguous one and the unopenable directory are counted as {@code unreadable}, and nothing is
 * dropped silently. The names are made by a shell, since Java cannot spell them.
 */
class UnreadableNamesTest {

  private static final WalkLimits LIMITS = new WalkLimits(1 << 20, 1000, 1L << 30, 32);

  @TempDir
  Path dir;

  @Test
  void namesThatAreNotValidUtf8AreAnalysedByTheirOwnBytes() throws Exception {
    Path root = Files.createDirectories(dir.resolve("app"));
    sh(root, "printf 'import os\\n' > \"$(printf 'evil\\377.py')\"; mkdir \"$(printf 'hid\\377den')\"; "
        + "printf 'x = 1\\n' > \"$(printf 'hid\\377den')/evil.py\"; printf 'y = 2\\n' > ok.py");

    SourceTree tree = SourceTree.walk(root.toRealPath(), LIMITS);

    assertThat(tree.files()).extracting(SourceFile::path)
        .containsExactlyInAnyOrder("evil\uFFFD.py", "hid\uFFFDden/evil.py", "ok.py");
    SourceFile evil = tree.files().stream().filter(f -> f.path().equals("evil\uFFFD.py")).findFirst().orElseThrow();
    assertThat(new String(evil.readBytes(), StandardCharsets.UTF_8)).isEqualTo("import os\n");
    assertThat(evil.language()).isEqualTo(Language.PYTHON);
    SourceFile hidden = tree.files().stream().filter(f -> f.path().startsWith("hid")).findFirst().orElseThrow();
    assertThat(hidden.read()).isEqualTo("x = 1\n");
    assertThat(tree.skipped(SkipReason.UNREADABLE)).isZero();
  }

  @Test
  void twoInvalidNamesThatReadTheSameCountOneAsUnreadable() throws Exception {
    Path root = Files.createDirectories(dir.resolve("app"));
    sh(root, "printf 'a\\n' > \"$(printf 'x\\377.py')\"; printf 'b\\n' > \"$(printf 'x\\376.py')\"");

    SourceTree tree = SourceTree.walk(root.toRealPath(), LIMITS);

    assertThat(tree.files()).extracting(SourceFile::path).containsExactly("x\uFFFD.py");
    assertThat(tree.skipped(SkipReason.UNREADABLE)).isEqualTo(1);
  }

  @Test
  void aDirectoryThatCannotBeOpenedIsCountedAsUnreadable() throws Exception {
    Path root = Files.createDirectories(dir.resolve("app"));
    Path locked = Files.createDirectories(root.resolve("locked"));
    Files.writeString(locked.resolve("in.py"), "z = 3\n");
    Files.writeString(root.resolve("ok.py"), "y = 2\n");
    // root's DAC override opens it anyway: the case can be made only when the tests run unprivileged
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked),
          "running as root: a directory without permissions still opens, so this case cannot be made");
      SourceTree tree = SourceTree.walk(root.toRealPath(), LIMITS);

      assertThat(tree.files()).extracting(SourceFile::path).containsExactly("ok.py");
      assertThat(tree.skipped(SkipReason.UNREADABLE)).isEqualTo(1);
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static void sh(Path cwd, String script) throws Exception {
    Process p = new ProcessBuilder(List.of("sh", "-c", script)).directory(cwd.toFile()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }
}
