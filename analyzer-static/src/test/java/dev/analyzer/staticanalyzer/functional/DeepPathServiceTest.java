package dev.analyzer.staticanalyzer.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.staticanalyzer.ServiceRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the review's deep app (a Python file 18 directories of 250-character names down, within
 * {@code ANALYZER_MAX_DEPTH}, so its path is about 4,500 bytes), when the real service scans it with
 * bandit, pylint and flake8, then that file is skipped and counted as {@code path_too_long}, every
 * tool still runs and reports the app's other file, and no reply text holds a workspace path.
 */
class DeepPathServiceTest {

  private static final int LEVELS = 18;

  @TempDir
  Path base;

  @AfterEach
  void removeDeepTree() throws Exception {
    // JUnit deletes by absolute path, which fails past PATH_MAX; rm walks by directory handles
    new ProcessBuilder("rm", "-rf", base.resolve("app").toString()).inheritIO().start().waitFor();
  }

  @Test
  void aFileWhoseCopyWouldPassPathMaxIsSkippedAndTheToolsStillRun() throws Exception {
    dev.analyzer.staticanalyzer.tools.PylintAssumptions.assumePylintRuns();
    assumeTrue(ProcessRunner.which("bandit").isPresent() && ProcessRunner.which("pylint").isPresent()
        && ProcessRunner.which("flake8").isPresent(), "bandit, pylint or flake8 is not installed: run "
        + "scripts/install-tools.sh to enable this test");
    Path app = Files.createDirectories(base.resolve("app")).toRealPath();
    Files.writeString(app.resolve("app.py"), "import os\n\n\ndef run(x):\n    return eval(x)\n");
    String name = "d" + "x".repeat(249);
    // made by directory handles (a shell's cd gives up past PATH_MAX, and so does Java's path API)
    Process mk = new ProcessBuilder("/usr/bin/python3", "-c", "import os\nfd = os.open('.', os.O_RDONLY)\n"
        + "for _ in range(" + LEVELS + "):\n    os.mkdir('" + name + "', dir_fd=fd)\n"
        + "    fd = os.open('" + name + "', os.O_RDONLY, dir_fd=fd)\n"
        + "f = os.open('deep.py', os.O_WRONLY | os.O_CREAT, dir_fd=fd)\nos.write(f, b'import os\\n')\n")
        .directory(app.toFile()).inheritIO().start();
    assertThat(mk.waitFor()).isZero();

    AnalysisResult r = ServiceRun.analyze(Map.of(), List.of(base.toRealPath()),
        "{\"type\":\"static_analyze\",\"id\":\"deep\",\"source_path\":\"" + app
            + "\",\"tools\":[\"bandit\",\"pylint\",\"flake8\"]}");

    @SuppressWarnings("unchecked")
    Map<String, Object> skipped = (Map<String, Object>) r.analysis().summary().get("files_skipped");
    assertThat(skipped).containsEntry("path_too_long", 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> python = (Map<String, Object>) r.analysis().results().get("python");
    for (String tool : List.of("bandit", "pylint", "flake8")) {
      assertThat(python.get(tool)).as(tool).asString().contains("status=success");
      assertThat(r.analysis().findings()).as(tool).anySatisfy(f -> {
        assertThat(f.tools()).contains(tool);
        assertThat(f.location().file()).isEqualTo("app.py");
      });
    }
    assertThat(ProtocolCodec.create().encode(r)).doesNotContain("analyzer-static-").doesNotContain(name + "/" + name);
  }
}
