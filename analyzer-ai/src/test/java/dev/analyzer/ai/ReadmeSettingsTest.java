package dev.analyzer.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module README's settings table agrees with {@link AiSettings#OPTIONS}. */
class ReadmeSettingsTest {

  @Test
  void everyAiSettingIsDocumentedWithItsDefaultAndRange() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(DocumentedOptions.mismatches(AiSettings.OPTIONS, readme)).isEmpty();
  }
}
