package dev.analyzer.staticanalyzer.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.Option;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.staticanalyzer.StaticSettings;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ANALYZER_OSV_URL and ANALYZER_OFFLINE: in the settings table, read strictly. */
class OsvSettingsTest {

  private static OsvClient client(Map<String, String> env) {
    return OsvSettings.client(Environment.of(env), Clock.systemUTC());
  }

  @Test
  void bothAreInTheStaticSettingsTableWithTheirDefaults() {
    assertThat(StaticSettings.OPTIONS.find("ANALYZER_OSV_URL")).get().extracting(Option::defaultText)
        .isEqualTo("https://api.osv.dev");
    assertThat(StaticSettings.OPTIONS.find("ANALYZER_OFFLINE")).get().extracting(Option::defaultText)
        .isEqualTo("unset");
  }

  @Test
  void offlineIsOneOrTrueAndOnlineIsTheDefault() {
    assertThat(client(Map.of())).isNotNull();
    assertThat(client(Map.of("ANALYZER_OFFLINE", "1"))).isNull();
    assertThat(client(Map.of("ANALYZER_OFFLINE", " TRUE "))).isNull();
    assertThat(client(Map.of("ANALYZER_OFFLINE", "0"))).isNotNull();
    assertThat(client(Map.of("ANALYZER_OFFLINE", "false"))).isNotNull();
  }

  @Test
  void aWordThatIsNotOneOfThemIsRefusedNotTakenAsOnline() {
    assertThatThrownBy(() -> client(Map.of("ANALYZER_OFFLINE", "yes"))).isInstanceOf(SettingsException.class)
        .hasMessage("ANALYZER_OFFLINE must be 1 or true (0 or false: ask OSV), got 'yes'");
  }

  @Test
  void theUrlMustBeHttpWithAHost() {
    assertThatThrownBy(() -> client(Map.of("ANALYZER_OSV_URL", "ftp://osv.example"))).isInstanceOf(
        SettingsException.class).hasMessage("ANALYZER_OSV_URL must be an http(s) URL, got 'ftp://osv.example'");
    assertThatThrownBy(() -> client(Map.of("ANALYZER_OSV_URL", "http://"))).isInstanceOf(SettingsException.class)
        .hasMessageContaining("must be an http(s) URL");
    assertThat(client(Map.of("ANALYZER_OSV_URL", "http://127.0.0.1:9/"))).isNotNull();
  }
}
