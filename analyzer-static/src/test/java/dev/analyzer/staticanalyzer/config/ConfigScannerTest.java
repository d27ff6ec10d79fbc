package dev.analyzer.staticanalyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.source.Language;
import org.junit.jupiter.api.Test;

/** Each config rule: a positive in the vulnerable app and a negative in the clean one. */
class ConfigScannerTest {

  @Test
  void dockerfileRules() throws Exception {
    assertThat(Fixtures.rulesAndLines(ConfigScanner.scan("backend/Dockerfile", "Dockerfile", Language.DOCKERFILE,
        Fixtures.read("vulnerable", "backend/Dockerfile")))).containsExactlyInAnyOrder(
            "docker.latest-tag@1", "docker.root-user@1", "docker.add-url@2", "docker.secret-in-env@3");
    assertThat(ConfigScanner.scan("backend/Dockerfile", "Dockerfile", Language.DOCKERFILE,
        Fixtures.read("clean", "backend/Dockerfile"))).isEmpty();
  }

  @Test
  void explicitRootUserAndUnpinnedImage() {
    assertThat(Fixtures.rules(ConfigScanner.scan("Dockerfile", "Dockerfile", Language.DOCKERFILE,
        "FROM node\nUSER root\n"))).containsExactly("docker.latest-tag", "docker.root-user");
    assertThat(ConfigScanner.scan("Dockerfile", "Dockerfile", Language.DOCKERFILE,
        "FROM node:20 AS build\nFROM build\nUSER node\n")).isEmpty();
  }

  @Test
  void committedEnvFileWithSecrets() throws Exception {
    assertThat(Fixtures.rulesAndLines(ConfigScanner.scan(".env", ".env", Language.CONFIG,
        Fixtures.read("vulnerable", ".env")))).containsExactly("env.committed-secret@3", "env.committed-secret@4",
            "env.committed-secret@5", "env.committed-secret@6");
    assertThat(ConfigScanner.scan(".env.example", ".env.example", Language.CONFIG,
        Fixtures.read("clean", ".env.example"))).isEmpty();
    assertThat(ConfigScanner.scan(".env", ".env", Language.CONFIG, "DB_PASSWORD=changeme\nAPI_TOKEN=${TOKEN}\n"))
        .isEmpty();
  }

  @Test
  void djangoAndFlaskSettings() throws Exception {
    assertThat(Fixtures.rulesAndLines(ConfigScanner.scan("backend/settings.py", "settings.py", Language.PYTHON,
        Fixtures.read("vulnerable", "backend/settings.py")))).containsExactlyInAnyOrder(
            "config.debug-true@1", "config.literal-secret-key@2", "config.cors-wildcard-credentials@3");
    assertThat(Fixtures.rulesAndLines(ConfigScanner.scan("backend/app.py", "app.py", Language.PYTHON,
        Fixtures.read("vulnerable", "backend/app.py")))).containsExactlyInAnyOrder(
            "config.literal-secret-key@13", "config.cors-wildcard-credentials@14");
    assertThat(ConfigScanner.scan("backend/app.py", "app.py", Language.PYTHON, Fixtures.read("clean", "backend/app.py")))
        .isEmpty();
  }

  @Test
  void corsWithExplicitOriginsIsFine() {
    assertThat(ConfigScanner.scan("a.py", "a.py", Language.PYTHON,
        "CORS(app, origins=['https://app.invalid'], supports_credentials=True)\n")).isEmpty();
    assertThat(Fixtures.rules(ConfigScanner.scan("a.py", "a.py", Language.PYTHON,
        "CORS(app, origins='*', supports_credentials=True)\napp.config['DEBUG'] = True\n")))
        .containsExactly("config.cors-wildcard-credentials", "config.debug-true");
  }
}
