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

  @Test
  void aMissingPathUnderASymlinkOutOfTheRootIsRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();
    Path outside = Files.createDirectories(tmp.resolve("secret"));
    Files.createSymbolicLink(root.resolve("m"), outside);

    assertThatThrownBy(() -> new SourceRoots(List.of(root)).resolve(root + "/m/app9"))
        .hasMessageContaining("lies outside the allowed source roots");
    assertThatThrownBy(() -> new SourceRoots(List.of(root)).resolve("m/app9/deeper/still"))
        .hasMessageContaining("lies outside the allowed source roots");
  }

  @Test
  void aPathThroughADanglingSymlinkIsRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();
    Files.createSymbolicLink(root.resolve("later"), tmp.resolve("not-yet-there"));

    assertThatThrownBy(() -> new SourceRoots(List.of(root)).resolve(root + "/later/app1"))
        .hasMessageContaining("symlink that points nowhere");
  }

  @Test
  void relativePathsThatEscapeAreRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();
    Files.createDirectories(tmp.resolve("secret"));

    assertThatThrownBy(() -> new SourceRoots(List.of(root)).resolve("../secret"))
        .hasMessageContaining("lies outside");
    assertThatThrownBy(() -> new SourceRoots(List.of(root)).resolve("m/../../secret/x"))
        .hasMessageContaining("lies outside");
  }

  @Test
  void aLinkInsideTheRootOrARootReachedThroughALinkResolvesToTheRealPath() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();
    Path app = Files.createDirectories(root.resolve("m/app1"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("m"));
    Path viaLink = Files.createSymbolicLink(tmp.resolve("apps-link"), root);
    SourceRoots roots = new SourceRoots(List.of(root));

    assertThat(roots.resolve(root + "/alias/app1")).isEqualTo(app.toRealPath());
    assertThat(roots.resolve(viaLink + "/m/app1")).isEqualTo(app.toRealPath());
    assertThat(roots.resolve(viaLink + "/m/app7")).isEqualTo(root.resolve("m/app7"));
  }

  @Test
  void refusalsNameThePathGivenButNotTheRoots() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("apps")).toRealPath();

    assertThatThrownBy(() -> new SourceRoots(List.of(root)).resolve("/etc"))
        .hasMessageContaining("/etc").hasMessageNotContaining(root.toString());
  }
}
