package dev.analyzer.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module README's settings tables agree with {@link QueueSettings#OPTIONS} and {@link QueueAuth#OPTIONS}. */
class ReadmeSettingsTest {

  @Test
  void everyQueueSettingIsDocumentedWithItsDefaultAndRange() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(DocumentedOptions.mismatches(QueueSettings.OPTIONS, readme)).isEmpty();
    assertThat(DocumentedOptions.mismatches(QueueAuth.OPTIONS, readme)).isEmpty();
  }
}
