package dev.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of service settings agrees with {@link ServiceOptions#TABLE}. */
class ReadmeSettingsTest {

  @Test
  void everyServiceSettingIsDocumentedWithItsDefaultAndBound() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    assertThat(DocumentedOptions.mismatches(ServiceOptions.TABLE, readme)).isEmpty();
  }
}
