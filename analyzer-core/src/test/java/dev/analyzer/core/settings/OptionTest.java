package dev.analyzer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionTest {

  private static final Option<Integer> COUNT = Option.integer("X_COUNT", 4, 1, 10, "how many");
  private static final Option<Duration> WAIT = Option.seconds("X_WAIT", Duration.ofMillis(1500),
      Duration.ofMillis(100), Duration.ofHours(1), "how long");
  private static final Option<String> MODE = Option.oneOf("X_MODE", "text", "log format", "text", "json");

  @Test
  void readGivesTheDefaultWhenUnsetOrBlankAndTheValueWhenSet() {
    assertThat(COUNT.read(Environment.of(Map.of()))).isEqualTo(4);
    assertThat(COUNT.read(Environment.of(Map.of("X_COUNT", "  ")))).isEqualTo(4);
    assertThat(COUNT.read(Environment.of(Map.of("X_COUNT", " 7 ")))).isEqualTo(7);
    assertThat(WAIT.read(Environment.of(Map.of("X_WAIT", "0.25")))).isEqualTo(Duration.ofMillis(250));
    assertThat(MODE.read(Environment.of(Map.of("X_MODE", "JSON")))).isEqualTo("json");
  }

  @Test
  void badValuesNameTheVariableTheBoundAndTheValue() {
    assertThatThrownBy(() -> COUNT.read(Environment.of(Map.of("X_COUNT", "11"))))
        .isInstanceOf(SettingsException.class).hasMessage("X_COUNT must be 1..10, got 11");
    assertThatThrownBy(() -> COUNT.check(0)).isInstanceOf(SettingsException.class)
        .hasMessage("X_COUNT must be 1..10, got 0");
    assertThatThrownBy(() -> WAIT.check(Duration.ofHours(2))).isInstanceOf(SettingsException.class)
        .hasMessage("X_WAIT must be 0.1..3600 s, got 7200 s");
    assertThatThrownBy(() -> MODE.check("xml")).hasMessage("X_MODE must be text, json, got xml");
    assertThat(COUNT.check(10)).isEqualTo(10);
  }

  @Test
  void theDocumentedTextsComeFromTheDeclaration() {
    assertThat(COUNT.defaultText()).isEqualTo("4");
    assertThat(COUNT.rangeText()).isEqualTo("1..10");
    assertThat(WAIT.defaultText()).isEqualTo("1.5");
    assertThat(WAIT.rangeText()).isEqualTo("0.1..3600 s");
  }

  @Test
  void aDefaultOutsideItsOwnBoundOrABadNameIsAProgrammingError() {
    assertThatThrownBy(() -> Option.integer("X_BAD", 0, 1, 10, "d"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X_BAD");
    assertThatThrownBy(() -> Option.integer("lower", 1, 1, 10, "d")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OptionTable.of("t", COUNT, COUNT)).hasMessageContaining("X_COUNT twice");
  }

  @Test
  void documentedOptionsFindsMissingRowsAndWrongDefaultsOrBounds() {
    OptionTable table = OptionTable.of("test", COUNT, WAIT, MODE);
    String doc = """
        | variable | default | range | meaning |
        |---|---|---|---|
        | `X_COUNT` | 4 | 1..10 | how many |
        | `X_WAIT` | 2 | 0.1..3600 s (or so) | how long |

        | variable | default | meaning |
        |---|---|---|
        | `X_OTHER` | 1 | not ours |
        """;

    assertThat(DocumentedOptions.mismatches(table, doc)).containsExactly(
        "X_WAIT: the document says default '2', the code '1.5'",
        "X_MODE (test) has no row in the document");
    assertThat(DocumentedOptions.mismatches(OptionTable.of("t", COUNT), doc)).isEmpty();
    assertThat(table.markdown()).contains("| `X_WAIT` | 1.5 | 0.1..3600 s | how long |");
  }
}
