package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.staticanalyzer.ServiceRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given an app whose pylint, flake8, bandit, ESLint and shellcheck configuration files each try to run
 * code (or to silence the tools), when the real service scans it with every installed tool, then no
 * configuration of the app took effect: no marker file exists, and each tool still ran and reported
 * the issues of the app's real files (so the test cannot pass by the tools failing).
 */
class HostileToolConfigTest {

  @TempDir
  static Path base;
  private static HostileApp app;
  private static AnalysisResult result;

  @BeforeAll
  static void scanWithEveryTool() throws Exception {
    app = HostileApp.create(base);
    result = ServiceRun.analyze(Map.of(), List.of(base.toRealPath()),
        "{\"type\":\"static_analyze\",\"id\":\"hostile\",\"source_path\":\"" + app.app().toRealPath() + "\"}");
  }

  @Test
  void noConfigurationOfTheAppRanCode() throws Exception {
    try (Stream<Path> markers = Files.list(app.markers())) {
      assertThat(markers.map(p -> p.getFileName().toString())).isEmpty();
    }
  }

  @Test
  void pylintIgnoresTheAppsRcFilesAndStillReports() {
    PylintAssumptions.assumePylintRuns();
    assertSucceeded("python", "pylint");
    assertThat(findings("pylint")).anySatisfy(f -> assertThat(f.location().file()).isEqualTo("backend/app.py"));
  }

  @Test
  void flake8IgnoresTheAppsLocalPluginsAndSelectAndStillReports() {
    assumeInstalled("flake8");
    assertSucceeded("python", "flake8");
    assertThat(findings("flake8")).anySatisfy(f -> {
      assertThat(f.location().file()).isEqualTo("backend/app.py");
      assertThat(f.ruleId()).isEqualTo("F821");
    });
  }

  @Test
  void banditIgnoresTheAppsSkipsAndExcludes() {
    assumeInstalled("bandit");
    assertSucceeded("python", "bandit");
    assertThat(findings("bandit")).extracting(HostileToolConfigTest::fileAndLine)
        .contains("backend/app.py:5", "backend/app.py:6");
  }

  @Test
  void eslintUsesOnlyTheServicesFlatConfigAndPlugins() {
    assumeTrue(EslintTool.locate(null).isPresent(),
        "eslint is not installed in tools/eslint: run scripts/install-tools.sh (needs npm) to enable this test");
    assertSucceeded("javascript", "eslint");
    assertThat(findings("eslint")).extracting(HostileToolConfigTest::fileAndLine)
        .contains("web/app.js:2", "web/app.js:3");
  }

  @Test
  void shellcheckIgnoresTheAppsRcFilesAndFollowsNoSource() {
    assumeInstalled("shellcheck");
    assertSucceeded("shell", "shellcheck");
    assertThat(findings("shellcheck")).extracting(f -> f.ruleId() + "@" + f.location().file())
        .contains("SC2086@scripts/deploy.sh", "SC1091@scripts/deploy.sh");
    assertThat(findings("shellcheck")).allSatisfy(f -> assertThat(f.location().file()).isEqualTo("scripts/deploy.sh"));
  }

  private static void assumeInstalled(String tool) {
    assumeTrue(ProcessRunner.which(tool).isPresent(),
        tool + " is not installed: run scripts/install-tools.sh (Debian " + tool + ") to enable this test");
  }

  private static void assertSucceeded(String group, String tool) {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) ((Map<String, Object>) result.analysis().results().get(group)).get(tool);
    assertThat(r).as(tool + " result").containsEntry("status", "success").containsEntry("executed", true);
  }

  private static String fileAndLine(Finding f) {
    return f.location().file() + ":" + f.location().line();
  }

  private static List<Finding> findings(String tool) {
    return result.analysis().findings().stream().filter(f -> f.tools().contains(tool)).toList();
  }
}
