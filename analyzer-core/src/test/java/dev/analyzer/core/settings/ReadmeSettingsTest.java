package dev.analyzer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's settings tables agree with the option tables of this module. */
class ReadmeSettingsTest {

  static String readme() throws IOException {
    Path p = Path.of("..", "README.md");
    return Files.readString(p);
  }

  @Test
  void connectionAndCompressionSettingsAreDocumentedWithTheirDefaultsAndBounds() throws IOException {
    String doc = readme();

    assertThat(DocumentedOptions.mismatches(ConnectionSettings.OPTIONS, doc)).isEmpty();
    assertThat(DocumentedOptions.mismatches(CompressionSettings.OPTIONS, doc)).isEmpty();
  }
}
