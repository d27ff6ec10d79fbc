package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.staticanalyzer.sandbox.SandboxMode;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a tool run that failed with stderr naming files by their absolute workspace paths, when the
 * failure and the execution record are built, then the reply names the file relative to the app
 * ({@code backend/a.py}) and any other workspace path as {@code <workspace>/...}: never the
 * service's temporary directory.
 */
class ToolFailureMessageTest {

  @TempDir
  Path app;

  @Test
  void stderrAndTheRecordNameWorkspacePathsRelatively() throws Exception {
    Files.createDirectories(app.resolve("backend"));
    Files.writeString(app.resolve("backend/a.py"), "x = 1\n");
    PylintTool pylint = new PylintTool("2.16", Duration.ofSeconds(5), ToolSandbox.select(SandboxMode.OFF));
    try (ToolWorkspace ws = ToolWorkspace.create(SourceTree.walk(app, 1 << 20, 100), Language.PYTHON)) {
      Path rc = ws.writeConfig("pylintrc", "[MAIN]\n");
      String stderr = "Traceback:\n  File \"" + ws.sources().resolve("backend/a.py") + "\", line 1\n"
          + "config error in " + rc + "\n";
      ProcessResult r = new ProcessResult(PylintTool.command(rc, ws.fileArguments(10)), 42,
          ProcessResult.Termination.EXITED, 32, "", stderr, false, false, Duration.ofMillis(5), null);

      ToolRun failed = pylint.failure(ws, r, pylint.record(ws, r));

      assertThat(failed.status()).isEqualTo(ToolStatus.ERROR);
      assertThat(failed.error()).contains("File \"backend/a.py\"", "<workspace>/config/pylintrc")
          .doesNotContain(ws.directory().toString()).doesNotContain(System.getProperty("java.io.tmpdir") + "/analyzer");
      @SuppressWarnings("unchecked")
      Map<String, Object> rec = (Map<String, Object>) failed.extra().get("execution_record");
      assertThat((List<String>) rec.get("cmd")).contains("--rcfile=<workspace>/config/pylintrc", "./backend/a.py");
      assertThat(rec).containsEntry("sandbox", "none");
    }
  }
}
