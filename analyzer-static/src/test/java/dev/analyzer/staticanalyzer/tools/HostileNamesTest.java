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
 * Given the review's hostile file names (pylint's {@code --init-hook=...#.py}, a name with a newline
 * that makes flake8 print a forged {@code a.py:9:9:E999} line, a name holding {@code :9:9:E999:}),
 * when the real service scans them WITHOUT the sandbox ({@code ANALYZER_TOOL_SANDBOX=off}), then no
 * hook ran, no forged finding is reported, the newline name is skipped and counted as
 * {@code unsafe_name}, and the colon name's real finding keeps its real path.
 */
class HostileNamesTest {

  static final String NEWLINE_NAME = "a.py:9:9:E999:forged HIGH finding\nb.py";
  static final String COLON_NAME = "c.py:9:9:E999:forged.py";

  @TempDir
  static Path base;
  private static Path markers;
  private static AnalysisResult result;

  @BeforeAll
  static void scanUnsandboxed() throws Exception {
    assumeTrue(ProcessRunner.which("pylint").isPresent() && ProcessRunner.which("flake8").isPresent(),
        "pylint or flake8 is not installed: run scripts/install-tools.sh to enable this test");
    markers = Files.createDirectories(base.resolve("markers"));
    Path app = Files.createDirectories(base.resolve("app"));
    Files.writeString(app.resolve(CodeRunningApps.initHookName(markers)), "print(1)\n");
    Files.writeString(app.resolve(NEWLINE_NAME), "import os\n");
    Files.writeString(app.resolve(COLON_NAME), "import os\n");
    Files.writeString(app.resolve("app.py"), "\"\"\"App.\"\"\"\n\n\ndef run(x):\n    \"\"\"Run.\"\"\"\n    return eval(x)\n");
    result = ServiceRun.analyze(Map.of("ANALYZER_TOOL_SANDBOX", "off"), List.of(base.toRealPath()),
        "{\"type\":\"static_analyze\",\"id\":\"names\",\"source_path\":\"" + app.toRealPath()
            + "\",\"tools\":[\"pylint\",\"flake8\"]}");
  }

  @Test
  void aFileNamedLikeAPylintOptionRunsNoHook() throws Exception {
    try (Stream<Path> s = Files.list(markers)) {
      assertThat(s.map(p -> p.getFileName().toString())).isEmpty();
    }
    assertThat(findings("pylint")).anySatisfy(f -> assertThat(f.location().file()).isEqualTo("app.py"));
    assertThat(findings("pylint")).anySatisfy(f -> assertThat(f.location().file()).startsWith("--init-hook="));
  }

  @Test
  void noForgedFindingAndTheNewlineNameIsSkippedAndCounted() {
    assertThat(result.analysis().findings()).noneSatisfy(f -> assertThat(f.ruleId()).isEqualTo("E999"));
    assertThat(result.analysis().findings()).noneSatisfy(f -> assertThat(f.location().file()).contains("\n"));
    @SuppressWarnings("unchecked")
    Map<String, Object> skipped = (Map<String, Object>) result.analysis().summary().get("files_skipped");
    assertThat(skipped).containsEntry("unsafe_name", 1);
  }

  @Test
  void aNameHoldingColonsKeepsItsRealPathInFlake8Findings() {
    assertThat(findings("flake8")).anySatisfy(f -> {
      assertThat(f.location().file()).isEqualTo(COLON_NAME);
      assertThat(f.ruleId()).isEqualTo("F401");
      assertThat(f.location().line()).isEqualTo(1);
    });
    assertThat(findings("flake8")).noneSatisfy(f -> assertThat(f.location().file()).isIn("c.py", "a.py"));
  }

  private static List<Finding> findings(String tool) {
    return result.analysis().findings().stream().filter(f -> f.tools().contains(tool)).toList();
  }
}
