package dev.analyzer.service.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

  @TempDir
  Path tmp;

  private static Secrets of(Map<String, String> env) {
    return Secrets.from(Environment.of(env));
  }

  @Test
  void aValueComesFromTheVariable() {
    Secret s = of(Map.of("OPENROUTER_API_KEY", " sk-or-direct ")).required("OPENROUTER_API_KEY");

    assertThat(s.reveal()).isEqualTo("sk-or-direct");
    assertThat(s.name()).isEqualTo("OPENROUTER_API_KEY");
  }

  @Test
  void elseFromTheFileNamedByNameFileTrimmed() throws Exception {
    Path file = Files.writeString(tmp.resolve("key"), "  sk-or-from-file\n\n");

    Secret s = of(Map.of("OPENROUTER_API_KEY_FILE", file.toString())).required("OPENROUTER_API_KEY");

    assertThat(s.reveal()).isEqualTo("sk-or-from-file");
  }

  @Test
  void unsetOrBlankIsEmptyAndRequiredNamesBothVariables() {
    assertThat(of(Map.of("OPENROUTER_API_KEY", "  ")).optional("OPENROUTER_API_KEY")).isEmpty();
    assertThatThrownBy(() -> of(Map.of()).required("OPENROUTER_API_KEY")).isInstanceOf(SettingsException.class)
        .hasMessage("OPENROUTER_API_KEY or OPENROUTER_API_KEY_FILE must be set");
  }

  @Test
  void bothSetIsAnErrorNamingBothAndNotTheValue() throws Exception {
    Path file = Files.writeString(tmp.resolve("key"), "sk-file-value");

    assertThatThrownBy(() -> of(Map.of("OPENROUTER_API_KEY", "sk-direct-value", "OPENROUTER_API_KEY_FILE",
        file.toString())).optional("OPENROUTER_API_KEY")).isInstanceOf(SettingsException.class)
        .hasMessage("set either OPENROUTER_API_KEY or OPENROUTER_API_KEY_FILE, not both");
  }

  @Test
  void anUnreadableMissingEmptyOrHugeFileIsAnErrorNamingTheVariableAndPath() throws Exception {
    Path missing = tmp.resolve("missing");
    assertThatThrownBy(() -> of(Map.of("K_FILE", missing.toString())).optional("K"))
        .hasMessage("K_FILE names a file that cannot be read: " + missing + " (NoSuchFileException)");
    assertThatThrownBy(() -> of(Map.of("K_FILE", tmp.toString())).optional("K"))
        .hasMessageStartingWith("K_FILE names a file that cannot be read: " + tmp);
    Path empty = Files.writeString(tmp.resolve("empty"), " \n");
    assertThatThrownBy(() -> of(Map.of("K_FILE", empty.toString())).optional("K"))
        .hasMessage("K_FILE names an empty file: " + empty);
    Path huge = Files.write(tmp.resolve("huge"), new byte[Secrets.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(() -> of(Map.of("K_FILE", huge.toString())).optional("K"))
        .hasMessageContaining("at most 65536 bytes");
  }

  @Test
  void toStringIsRedactedAndComparisonIsByValue() {
    Secret s = Secret.of("ANALYZER_AUTH_TOKEN", "tok-visible-nowhere");

    assertThat(s).hasToString("ANALYZER_AUTH_TOKEN=***");
    assertThat(String.valueOf(java.util.List.of(s))).doesNotContain("tok-visible-nowhere");
    assertThat(s.matches("tok-visible-nowhere")).isTrue();
    assertThat(s.matches("tok-visible-nowherE")).isFalse();
    assertThatThrownBy(() -> Secret.of("X", " ")).hasMessage("secret X must not be blank");
  }
}
