package dev.analyzer.staticanalyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of the original's tool names and what runs for each here. */
class OriginalNamesTest {

  private static final Set<String> BUILTINS = Set.of("secrets", "python-security", "js-security", "config",
      "dependencies");
  private static final Set<String> ALL_HERE = Set.of("secrets", "python-security", "js-security", "config",
      "dependencies", "bandit", "pylint", "flake8", "eslint", "shellcheck");

  @Test
  void theTableHasExactlyTheManagersSixteenNamesEachWithAReason() {
    assertThat(OriginalNames.MANAGER_DEFAULTS).hasSize(16).doesNotHaveDuplicates();
    assertThat(OriginalNames.all()).extracting(OriginalNames.Name::name)
        .containsExactlyElementsOf(OriginalNames.MANAGER_DEFAULTS);
    for (OriginalNames.Name n : OriginalNames.all()) {
      assertThat(n.reason()).as(n.name()).isNotBlank();
      assertThat(n.group()).as(n.name()).isIn("python", "javascript", "css");
      assertThat(ALL_HERE).as(n.name()).containsAll(n.engines());
    }
  }

  @Test
  void theOriginalsSixteenCoverEveryBuiltin() {
    Set<String> covered = new java.util.HashSet<>();
    for (String name : OriginalNames.MANAGER_DEFAULTS) {
      covered.addAll(OriginalNames.coveringEngines(name, ALL_HERE));
    }
    assertThat(covered).containsAll(BUILTINS);
  }

  @Test
  void coveringNamesOnlyWhatCanRunHere() {
    assertThat(OriginalNames.coveringEngines("semgrep", ALL_HERE))
        .containsExactly("python-security", "js-security", "secrets", "config");
    assertThat(OriginalNames.coveringEngines("ruff", ALL_HERE)).containsExactly("python-security", "flake8");
    assertThat(OriginalNames.coveringEngines("ruff", BUILTINS)).containsExactly("python-security");
    assertThat(OriginalNames.coveringEngines("jshint", ALL_HERE)).containsExactly("eslint");
    assertThat(OriginalNames.coveringEngines("jshint", BUILTINS)).isEmpty();
    assertThat(OriginalNames.coveringEngines("detect-secrets", BUILTINS)).containsExactly("secrets");
    for (String deps : List.of("safety", "pip-audit", "npm-audit")) {
      assertThat(OriginalNames.coveringEngines(deps, BUILTINS)).as(deps).containsExactly("dependencies");
    }
    assertThat(OriginalNames.coveringEngines("bandit", BUILTINS)).containsExactly("python-security");
    assertThat(OriginalNames.coveringEngines("eslint", BUILTINS)).containsExactly("js-security");
    for (String lacking : List.of("mypy", "vulture", "radon", "stylelint", "pylint", "flake8")) {
      assertThat(OriginalNames.coveringEngines(lacking, ALL_HERE)).as(lacking).isEmpty();
    }
    assertThat(OriginalNames.coveringEngines("not-a-tool", ALL_HERE)).isEmpty();
  }

  @Test
  void sarifNativeAreTheOriginalsFour() {
    assertThat(OriginalNames.SARIF_NATIVE).containsExactlyInAnyOrder("bandit", "semgrep", "ruff", "eslint");
    assertThat(OriginalNames.isSarifNative("python-security")).isFalse();
  }

  @Test
  void theReadmeTableListsEveryNameWithItsEngines() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (OriginalNames.Name n : OriginalNames.all()) {
      String row = readme.lines().filter(l -> l.startsWith("| `" + n.name() + "` |")).findFirst().orElse(null);
      assertThat(row).as(n.name()).isNotNull();
      for (String e : n.engines()) {
        assertThat(row).as(n.name()).contains("`" + e + "`");
      }
    }
  }
}
