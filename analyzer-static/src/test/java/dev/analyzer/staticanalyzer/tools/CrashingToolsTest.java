package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.ServiceRun;
import dev.analyzer.staticanalyzer.StaticAnalyzerService;
import dev.analyzer.staticanalyzer.StaticSettings;
import dev.analyzer.staticanalyzer.sandbox.SandboxMode;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given each external tool replaced by a real program that answers {@code --version} and then
 * crashes like a Python tool (a traceback on stderr, nothing on stdout, exit 1, the code each tool
 * also uses for "issues found"), when the vulnerable app is analysed, then every one of them is
 * reported {@code error} with the tail of its stderr, never {@code success} with 0 issues.
 */
class CrashingToolsTest {

  @TempDir
  Path bin;

  private String crasher(String tool) throws Exception {
    Path script = bin.resolve("crashing-" + tool);
    Files.writeString(script, "#!/bin/sh\n"
        + "if [ \"$1\" = \"--version\" ]; then echo \"" + tool + " 9.9.9\"; exit 0; fi\n"
        + "echo 'Traceback (most recent call last):' >&2\n"
        + "echo '  File \"/usr/lib/python3/dist-packages/" + tool + "/__main__.py\", line 7, in <module>' >&2\n"
        + "echo 'RuntimeError: boom in " + tool + "' >&2\n"
        + "exit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script.toString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aToolThatCrashesIsAnErrorWithItsStderrTail() throws Exception {
    Map<String, String> programs = new LinkedHashMap<>();
    for (String tool : StaticAnalyzerService.EXTERNAL_TOOLS) {
      programs.put(tool, crasher(tool));
    }
    StaticAnalyzerService service = new StaticAnalyzerService(StaticSettings.fromEnvironment(Environment.of(Map.of())),
        ToolSandbox.select(SandboxMode.OFF), null, programs);
    Path app = Fixtures.app("vulnerable");

    AnalysisResult r = ServiceRun.analyze(service, List.of(app.getParent()), "{\"type\":\"static_analyze\",\"id\":\"c-1\","
        + "\"source_path\":\"" + app + "\",\"tools\":[\"bandit\",\"pylint\",\"flake8\",\"shellcheck\",\"eslint\","
        + "\"secrets\"]}");

    assertThat(r.status()).isEqualTo(ResultStatus.PARTIAL);
    Map<String, Object> results = r.analysis().results();
    Map<String, String> groups = Map.of("bandit", "python", "pylint", "python", "flake8", "python", "shellcheck",
        "shell", "eslint", "javascript");
    for (String tool : StaticAnalyzerService.EXTERNAL_TOOLS) {
      if (tool.equals("eslint") && !EslintTool.locate(null).isPresent()) {
        continue;
      }
      if (tool.equals(NpmAuditTool.NAME)) {
        continue; // needs a lock file and the registry; its crashes are NpmAuditToolTest's
      }
      Map<String, Object> rec = (Map<String, Object>) ((Map<String, Object>) results.get(groups.get(tool))).get(tool);
      assertThat(rec).as(tool).containsEntry("status", "error").containsEntry("executed", true)
          .containsEntry("total_issues", 0);
      assertThat((String) rec.get("error")).as(tool).contains("RuntimeError: boom in " + tool);
      assertThat(((Map<String, Object>) rec.get("execution_record")).get("exit_code")).as(tool).isEqualTo(1);
    }
    assertThat(r.error()).contains("bandit", "shellcheck");
  }

  @Test
  void onlyExternalToolsCanBeGivenAnotherProgram() {
    StaticSettings settings = StaticSettings.fromEnvironment(Environment.of(Map.of()));
    ToolSandbox off = ToolSandbox.select(SandboxMode.OFF);

    assertThatThrownBy(() -> new StaticAnalyzerService(settings, off, null, Map.of("secrets", "/bin/true")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no external tool secrets");
    assertThatThrownBy(() -> new StaticAnalyzerService(settings, off, null, Map.of("bandit", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the program for bandit must not be blank");
  }
}
