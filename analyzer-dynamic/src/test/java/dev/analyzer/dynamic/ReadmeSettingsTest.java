package dev.analyzer.dynamic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import dev.analyzer.dynamic.report.Rule;
import dev.analyzer.dynamic.report.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module README agrees with {@link DynamicSettings#OPTIONS} and lists every rule with its references. */
class ReadmeSettingsTest {

  private static String readme() throws IOException {
    return Files.readString(Path.of("README.md"));
  }

  @Test
  void everyDynamicSettingIsDocumentedWithItsDefaultAndBound() throws IOException {
    assertThat(DocumentedOptions.mismatches(DynamicSettings.OPTIONS, readme()))
        .as(DynamicSettings.OPTIONS.markdown()).isEmpty();
  }

  @Test
  void everyRuleIsListedWithItsCweAndWstgId() throws IOException {
    String readme = readme();
    for (Rule r : Rules.all()) {
      String row = readme.lines().filter(l -> l.startsWith("| `" + r.id() + "` ")).findFirst().orElse("");
      assertThat(row).as(r.id()).isNotEmpty().contains(r.wstg());
      if (r.cwe() != null) {
        assertThat(row).as(r.id()).contains(r.cwe());
      }
      if (r.zapId() != null) {
        assertThat(row).as(r.id()).contains(Integer.toString(r.zapId()));
      }
    }
  }
}
