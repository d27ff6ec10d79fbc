package dev.analyzer.staticanalyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of static settings agrees with {@link StaticSettings#OPTIONS}. */
class ReadmeSettingsTest {

  @Test
  void everyStaticSettingIsDocumentedWithItsDefaultAndBound() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    assertThat(DocumentedOptions.mismatches(StaticSettings.OPTIONS, readme)).isEmpty();
  }
}
