package dev.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prefix mapping of requested source paths: whole segments, longest prefix, no escape by {@code ..}. */
class PathMapTest {

  @TempDir
  Path tmp;
  private Path apps;
  private Path special;
  private PathMap map;

  @BeforeEach
  void setUp() throws Exception {
    apps = Files.createDirectory(tmp.resolve("apps")).toRealPath();
    special = Files.createDirectory(tmp.resolve("special")).toRealPath();
    map = PathMap.parse("ANALYZER_PATH_MAP", "/app/sources=" + apps + ",/app/sources/vip=" + special);
  }

  @Test
  void aPrefixIsReplacedByItsDirectory() {
    assertThat(map.map(Path.of("/app/sources/openai_gpt-4/app3"))).contains(apps.resolve("openai_gpt-4/app3"));
    assertThat(map.map(Path.of("/app/sources"))).contains(apps);
  }

  @Test
  void theLongestPrefixWins() {
    assertThat(map.map(Path.of("/app/sources/vip/app1"))).contains(special.resolve("app1"));
    assertThat(map.map(Path.of("/app/sources/vipx/app1"))).contains(apps.resolve("vipx/app1"));
  }

  @Test
  void prefixesMatchWholeSegmentsOnly() {
    assertThat(map.map(Path.of("/app/sourcesX/m/app1"))).isEmpty();
    assertThat(map.map(Path.of("/app/source"))).isEmpty();
  }

  @Test
  void dotDotIsResolvedBeforeMatchingSoItCannotClimbOutOfTheDirectory() {
    assertThat(map.map(Path.of("/app/sources/../../etc/passwd"))).isEmpty();
    assertThat(map.map(Path.of("/app/sources/m/../../sources2/x"))).isEmpty();
    assertThat(map.map(Path.of("/app/sources/m/../../../app/sources/m/app1"))).contains(apps.resolve("m/app1"));
    assertThat(map.map(Path.of("/app/sources/./m/./app1"))).contains(apps.resolve("m/app1"));
  }

  @Test
  void relativePathsAndTheEmptyMapMapNothing() {
    assertThat(map.map(Path.of("app/sources/m/app1"))).isEmpty();
    assertThat(PathMap.none().map(Path.of("/app/sources/m"))).isEmpty();
    assertThat(PathMap.parse("ANALYZER_PATH_MAP", " ")).isEqualTo(PathMap.none());
  }

  @Test
  void theRootIsNotAPrefix() {
    assertThatThrownBy(() -> PathMap.parse("ANALYZER_PATH_MAP", "/=" + apps)).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_PATH_MAP entry '/=" + apps + "' needs an absolute prefix other than / without . or .. segments");
  }

  @Test
  void aDirectoryThatIsAFileIsRefusedNamingTheEntry() throws Exception {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertThatThrownBy(() -> PathMap.parse("ANALYZER_PATH_MAP", "/ok=" + apps + ",/bad=" + file))
        .isInstanceOf(SettingsException.class).hasMessageContaining("entry '/bad=" + file + "'")
        .hasMessageContaining("not an existing directory");
  }

  @Test
  void theDirectoryIsKeptAsItsRealPath() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), apps);
    assertThat(PathMap.parse("ANALYZER_PATH_MAP", "/a=" + link).entries().get(0).directory()).isEqualTo(apps);
  }
}
