package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.staticanalyzer.ServiceRun;
import dev.analyzer.staticanalyzer.sandbox.SandboxMode;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the review's apps that make pylint run their code (a file named {@code --init-hook=...},
 * a fake {@code gi} package astroid imports, a shadowed {@code pkgutil}), when the real service
 * scans them with {@code ANALYZER_TOOL_SANDBOX=bwrap}, then no payload reached the marker directory
 * outside the app and pylint still reported the app's findings, in a record that says
 * {@code sandbox: bwrap}. The control scan with the sandbox off shows the fixture is live.
 */
class SandboxedPylintTest {

  @TempDir
  Path base;
  private Path markers;

  @BeforeEach
  void needPylintAndBwrap() throws Exception {
    assumeTrue(ProcessRunner.which("pylint").isPresent(),
        "pylint is not installed: run scripts/install-tools.sh (Debian pylint) to enable this test");
    assumeTrue(ToolSandbox.select(SandboxMode.AUTO).isolates(), "bubblewrap cannot run a sandbox here: install "
        + "it (scripts/install-tools.sh, Debian bubblewrap) and allow user namespaces to enable this test");
    markers = Files.createDirectories(base.resolve("markers"));
  }

  @Test
  void theInitHookNameAndTheFakeGiPackageRunNothingOutsideTheSandbox() throws Exception {
    Path app = CodeRunningApps.injectAndFakeGi(base.resolve("app"), markers);

    AnalysisResult r = scan(app, "bwrap");

    assertThat(markerNames()).isEmpty();
    assertPylintReportedFromTheSandbox(r);
  }

  @Test
  void theShadowedPkgutilRunsNothingOutsideTheSandbox() throws Exception {
    assumeTrue(CodeRunningApps.pythonGiInstalled(), "/usr/bin/python3 cannot import gi (Debian python3-gi "
        + "is not installed): the pkgutil variant needs it");
    Path app = CodeRunningApps.shadowedPkgutil(base.resolve("app"), markers);

    AnalysisResult r = scan(app, "bwrap");

    assertThat(markerNames()).isEmpty();
    assertPylintReportedFromTheSandbox(r);
  }

  @Test
  void controlWithTheSandboxOffTheFakeGiPackageRunsAsTheService() throws Exception {
    Path app = CodeRunningApps.injectAndFakeGi(base.resolve("app"), markers);

    AnalysisResult r = scan(app, "off");

    assertThat(markerNames()).contains(CodeRunningApps.GI_MARKER);
    assertThat(record(r)).containsEntry("sandbox", "none");
  }

  private AnalysisResult scan(Path app, String sandbox) throws Exception {
    return ServiceRun.analyze(Map.of("ANALYZER_TOOL_SANDBOX", sandbox), List.of(base.toRealPath()),
        "{\"type\":\"static_analyze\",\"id\":\"sbx\",\"source_path\":\"" + app.toRealPath()
            + "\",\"tools\":[\"pylint\"]}");
  }

  private void assertPylintReportedFromTheSandbox(AnalysisResult r) {
    assertThat(pylint(r)).containsEntry("status", "success").containsEntry("executed", true);
    assertThat(record(r)).containsEntry("sandbox", "bwrap");
    List<Finding> findings = r.analysis().findings().stream().filter(f -> f.tools().contains("pylint")).toList();
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.location().file()).isEqualTo("app.py");
      assertThat(f.ruleId()).isEqualTo("W0123");
    });
  }

  private List<String> markerNames() throws Exception {
    try (Stream<Path> s = Files.list(markers)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pylint(AnalysisResult r) {
    return (Map<String, Object>) ((Map<String, Object>) r.analysis().results().get("python")).get("pylint");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> record(AnalysisResult r) {
    return (Map<String, Object>) pylint(r).get("execution_record");
  }
}
