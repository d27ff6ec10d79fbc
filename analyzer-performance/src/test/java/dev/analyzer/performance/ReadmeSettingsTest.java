package dev.analyzer.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module README's table of settings agrees with {@link PerformanceSettings#OPTIONS}. */
class ReadmeSettingsTest {

  @Test
  void everyPerformanceSettingIsDocumentedWithItsDefaultAndBound() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(DocumentedOptions.mismatches(PerformanceSettings.OPTIONS, readme)).isEmpty();
  }
}
