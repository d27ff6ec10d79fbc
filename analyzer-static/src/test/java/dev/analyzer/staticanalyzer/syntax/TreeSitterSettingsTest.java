package dev.analyzer.staticanalyzer.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.staticanalyzer.StaticSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ANALYZER_TREESITTER_LIB}: the default path, {@code off}, any file path (a missing one too:
 * that is the stock binding, not an error); switch words, a directory and an invalid path are
 * refused naming the variable and the value, by the service's settings as well.
 */
class TreeSitterSettingsTest {

  private static Optional<Path> read(String value) {
    return TreeSitterSettings.LIB_OPTION.read(Environment.of(Map.of(TreeSitterSettings.LIB, value)));
  }

  @Test
  void unsetIsTheInstalledPathAndOffIsNone() {
    assertThat(TreeSitterSettings.LIB_OPTION.read(Environment.of(Map.of())))
        .contains(Path.of("/usr/local/lib/analyzer/libanalyzer-treesitter.so"));
    assertThat(TreeSitterSettings.explicit(Environment.of(Map.of()))).isFalse();
    assertThat(read("off")).isEmpty();
    assertThat(read(" OFF ")).isEmpty();
  }

  @Test
  void aPathIsTakenEvenWhenNoFileIsThere(@TempDir Path dir) {
    Path missing = dir.resolve("libanalyzer-treesitter.so");

    assertThat(read(missing.toString())).contains(missing);
    assertThat(read("tools/treesitter/libanalyzer-treesitter.so"))
        .contains(Path.of("tools/treesitter/libanalyzer-treesitter.so"));
    assertThat(TreeSitterSettings.explicit(Environment.of(Map.of(TreeSitterSettings.LIB, missing.toString()))))
        .isTrue();
  }

  @Test
  void switchWordsADirectoryAndAnInvalidPathAreRefusedNamingTheVariable(@TempDir Path dir) {
    assertThatThrownBy(() -> read("true")).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_TREESITTER_LIB must be a path to libanalyzer-treesitter.so, or off for the stock"
            + " binding, got 'true'");
    assertThatThrownBy(() -> read("on")).isInstanceOf(SettingsException.class)
        .hasMessageContaining("ANALYZER_TREESITTER_LIB").hasMessageContaining("'on'");
    assertThatThrownBy(() -> read(dir.toString())).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_TREESITTER_LIB must be the library file itself, or off, got the directory '" + dir
            + "'");
    assertThatThrownBy(() -> read("lib\0.so")).isInstanceOf(SettingsException.class)
        .hasMessageContaining("ANALYZER_TREESITTER_LIB must be a path");
  }

  @Test
  void theServiceSettingsRefuseABadValueAtStartUp() {
    assertThatThrownBy(() -> StaticSettings.fromEnvironment(Environment.of(Map.of(TreeSitterSettings.LIB, "yes"))))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_TREESITTER_LIB")
        .hasMessageContaining("'yes'");
    assertThat(StaticSettings.fromEnvironment(Environment.of(Map.of(TreeSitterSettings.LIB, "off")))).isNotNull();
    assertThat(StaticSettings.OPTIONS.options()).extracting(o -> o.name()).contains("ANALYZER_TREESITTER_LIB");
  }
}
