package dev.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.DocumentedOptions;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.OptionTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module README's table of service settings agrees with {@link ServiceOptions#TABLE}, and so
 * does every row of it that the project README carries.
 */
class ReadmeSettingsTest {

  @Test
  void everyServiceSettingIsDocumentedWithItsDefaultAndBound() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(DocumentedOptions.mismatches(ServiceOptions.TABLE, readme)).isEmpty();
  }

  @Test
  void theProjectReadmeAgreesOnTheSettingsItLists() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    OptionTable listed = OptionTable.of("service base (project README)", ServiceOptions.TABLE.options().stream()
        .filter(o -> readme.contains("| `" + o.name() + "` |")).toArray(Option<?>[]::new));

    assertThat(listed.options()).isNotEmpty();
    assertThat(DocumentedOptions.mismatches(listed, readme)).isEmpty();
  }

  @Test
  void everyQueueModeSettingIsDocumentedWithItsDefaultAndBound() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(DocumentedOptions.mismatches(QueueModeSettings.OPTIONS, readme)).isEmpty();
    assertThat(DocumentedOptions.mismatches(dev.analyzer.queue.QueueSettings.OPTIONS, readme)).isEmpty();
    assertThat(DocumentedOptions.mismatches(dev.analyzer.queue.QueueAuth.OPTIONS, readme)).isEmpty();
  }
}
