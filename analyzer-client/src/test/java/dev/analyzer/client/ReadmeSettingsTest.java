package dev.analyzer.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of client settings agrees with {@link ClientOptions#TABLE}. */
class ReadmeSettingsTest {

  @Test
  void everyClientSettingIsDocumentedWithItsDefaultAndBound() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    assertThat(DocumentedOptions.mismatches(ClientOptions.TABLE, readme)).isEmpty();
  }
}
