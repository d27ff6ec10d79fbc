package dev.analyzer.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRootsTest {

  @TempDir
  Path tmp;

  @Test
  void pathsUnderARootAreAccepted() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();
    Path app = Files.createDirectories(root.resolve("m/app1"));

    assertThat(new SourceRoots(List.of(root)).resolve(app.toString())).isEqualTo(app.toRealPath());
    assertThat(new SourceRoots(List.of(root)).resolve("m/app1")).isEqualTo(app.toRealPath());
  }

  @Test
  void traversalIsRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();

    assertThatThrownBy(() -> new SourceRoots(List.of(root)).resolve(root + "/../../etc"))
        .hasMessageContaining("lies outside the allowed source roots");
  }

  @Test
  void symlinksOutOfTheRootAreRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();
    Path outside = Files.createDirectories(tmp.resolve("secret"));
    Files.createSymbolicLink(root.resolve("link"), outside);

    assertThatThrownBy(() -> new SourceRoots(List.of(root)).resolve(root.resolve("link").toString()))
        .hasMessageContaining("outside");
  }

  @Test
  void aMissingPathUnderTheRootIsLeftForTheServiceToReport() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();

    assertThat(new SourceRoots(List.of(root)).resolve(root + "/m/app9")).isEqualTo(root.resolve("m/app9"));
  }

  @Test
  void nulBytesAndEmptyPathsAreRefused() throws Exception {
    SourceRoots roots = new SourceRoots(List.of(tmp.toRealPath()));

    assertThatThrownBy(() -> roots.resolve("a\0b")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> roots.resolve(" ")).hasMessageContaining("empty");
  }
}
