package dev.analyzer.manager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.findings.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyzer.yml}: the same keys as {@code .analyzer.json}, validated the same way. */
class YamlConfigTest {

  @TempDir
  Path dir;

  @Test
  void analyzerYmlIsFoundAndReadWithTheSameKeys() throws Exception {
    Files.writeString(dir.resolve("analyzer.yml"), """
        # project defaults
        types: [static, performance]
        fail_on: high
        timeout: 120
        services:
          performance:
            load:
              model: open
              rate: 50
              thresholds: ["p95 < 200ms", "error_rate < 1%"]
        """);

    ProjectConfig c = ProjectConfig.find(null, dir);

    assertThat(c.file()).isEqualTo(dir.resolve("analyzer.yml"));
    assertThat(c.types()).containsExactly("static", "performance");
    assertThat(c.failOn()).isEqualTo(Severity.HIGH);
    assertThat(c.timeout()).isEqualTo(120);
    assertThat(c.services().get("performance").get("load").toString()).contains("p95 < 200ms");
  }

  @Test
  void aBadKeyIsNamedAsInJson() throws Exception {
    Files.writeString(dir.resolve("analyzer.yml"), "fail_on: severe\n");

    assertThatThrownBy(() -> ProjectConfig.find(null, dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fail_on").hasMessageContaining("severe");
  }

  @Test
  void brokenYamlSaysWhere() throws Exception {
    Files.writeString(dir.resolve("analyzer.yml"), "types: [static\nfail_on: high\n");

    assertThatThrownBy(() -> ProjectConfig.find(null, dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not valid YAML").hasMessageContaining("line");
  }

  @Test
  void aListInsteadOfAMappingIsRefused() throws Exception {
    Files.writeString(dir.resolve("analyzer.yml"), "- static\n- dynamic\n");

    assertThatThrownBy(() -> ProjectConfig.find(null, dir)).hasMessageContaining("must hold a YAML mapping");
  }

  @Test
  void jsonWinsWhenBothAreThere() throws Exception {
    Files.writeString(dir.resolve("analyzer.yml"), "types: [ai]\n");
    Files.writeString(dir.resolve(".analyzer.json"), "{\"types\": [\"static\"]}");

    assertThat(ProjectConfig.find(null, dir).types()).containsExactly("static");
  }
}
