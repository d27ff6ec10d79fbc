package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.staticanalyzer.ServiceRun;
import dev.analyzer.staticanalyzer.StaticAnalyzerService;
import dev.analyzer.staticanalyzer.StaticSettings;
import dev.analyzer.staticanalyzer.sandbox.SandboxMode;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given {@code ANALYZER_TOOL_SANDBOX=auto} on a machine where the bwrap probe fails, when the
 * service scans the app whose fake gi package pylint would import, then pylint is reported
 * {@code skipped} with the reason and is not among the available tools, its payload never runs, and
 * the tools that do not import the code (flake8) still run, recorded as {@code sandbox: none}.
 */
class SandboxRefusalTest {

  @TempDir
  Path base;

  @Test
  void withoutAWorkingSandboxAutoModeRefusesPylintAndRunsTheRest() throws Exception {
    assumeTrue(ProcessRunner.which("pylint").isPresent() && ProcessRunner.which("flake8").isPresent(),
        "pylint or flake8 is not installed: run scripts/install-tools.sh to enable this test");
    Path markers = Files.createDirectories(base.resolve("markers"));
    Path app = CodeRunningApps.injectAndFakeGi(base.resolve("app"), markers);
    StaticAnalyzerService service = new StaticAnalyzerService(StaticSettings.fromEnvironment(Environment.of(Map.of())),
        ToolSandbox.select(SandboxMode.AUTO, cmd -> false));

    AnalysisResult r = ServiceRun.analyze(service, List.of(base.toRealPath()),
        "{\"type\":\"static_analyze\",\"id\":\"refuse\",\"source_path\":\"" + app.toRealPath()
            + "\",\"tools\":[\"pylint\",\"flake8\"]}");

    Map<String, Object> python = group(r, "python");
    assertThat(tool(python, "pylint")).containsEntry("status", "skipped").containsEntry("error",
        "pylint imports the analysed code; it runs only in the sandbox (install bubblewrap or set "
            + "ANALYZER_TOOL_SANDBOX=off to accept the risk)");
    assertThat(tool(python, "flake8")).containsEntry("status", "success");
    assertThat(tool(tool(python, "flake8"), "execution_record")).containsEntry("sandbox", "none");
    assertThat(service.tools().stream().filter(t -> t.name().equals("pylint")).findFirst().orElseThrow()
        .available()).isTrue();
    assertThat(r.analysis().toolsUsed()).doesNotContain("pylint");
    try (Stream<Path> s = Files.list(markers)) {
      assertThat(s.map(p -> p.getFileName().toString())).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> group(AnalysisResult r, String group) {
    return (Map<String, Object>) r.analysis().results().get(group);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tool(Map<String, Object> m, String key) {
    return (Map<String, Object>) m.get(key);
  }
}
