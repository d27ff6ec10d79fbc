package dev.analyzer.manager.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLaunchTest {

  @TempDir
  Path app;

  @Test
  void aCommandLineSplitsOnSpacesAndQuotesGroupWithoutAShell() {
    assertThat(AppLaunch.tokenize("python3 -c \"print('a b')\" --port {port} '' $HOME;rm"))
        .containsExactly("python3", "-c", "print('a b')", "--port", "{port}", "", "$HOME;rm");
    assertThatThrownBy(() -> AppLaunch.tokenize("python3 'open")).hasMessageContaining("unclosed ' quote");
  }

  @Test
  void thePortComesFromTheFlagThenAFreePortForPortPlaceholdersThenTheEnvFile() throws Exception {
    Files.writeString(app.resolve(".env"), "PORT=7000\nBACKEND_PORT=5055\n");

    assertThat(AppLaunch.resolve("serve --port {port}", 6000, app).command()).containsExactly("serve", "--port", "6000");
    assertThat(AppLaunch.resolve("serve --port {port}", null, app).port()).isNotIn(5055, 7000).isPositive();
    AppLaunch fromEnv = AppLaunch.resolve("serve", null, app);
    assertThat(fromEnv.port()).isEqualTo(5055);
    assertThat(fromEnv.command()).isEqualTo(List.of("serve"));
  }

  @Test
  void withoutACommandOrAPortTheErrorNamesTheFlag() throws Exception {
    assertThatThrownBy(() -> AppLaunch.resolve(null, null, app)).hasMessageContaining("give --app-command");
    assertThatThrownBy(() -> AppLaunch.resolve("serve", null, app)).hasMessageContaining("give --app-port N");
    Files.createDirectories(app.resolve("backend"));
    Files.writeString(app.resolve("backend/app.py"), "print('hi')\n");
    assertThat(AppLaunch.resolve(null, 5001, app).command()).endsWith("backend/app.py", "--port", "5001");
  }
}
