package dev.analyzer.staticanalyzer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.service.process.internal.ProcessScope;
import dev.analyzer.service.process.internal.ProcessTrees;
import dev.analyzer.service.process.internal.ScopedProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a probe command run through the real process runner, when it runs in the bwrap sandbox, then
 * it cannot read the service's environment in /proc, nor the apps directory nor any file outside its
 * workspace, runs as uid 65534 and can write only its workspace; the same commands without the
 * sandbox (the control) succeed. Skipped with the reason when bwrap cannot run here.
 */
class ToolSandboxTest {

  private static final ExecutorService IO = Executors.newCachedThreadPool();
  private static final long SERVICE_PID = ProcessHandle.current().pid();
  private static ToolSandbox bwrap;

  @TempDir
  Path dir;

  @BeforeAll
  static void probe() {
    bwrap = ToolSandbox.select(SandboxMode.AUTO);
  }

  @AfterAll
  static void stop() {
    IO.shutdownNow();
  }

  @Test
  void aSandboxedToolCannotReadTheServicesEnvironment() throws Exception {
    assumeSandbox();
    List<String> cmd = List.of("cat", "/proc/" + SERVICE_PID + "/environ");

    assertThat(run(ToolSandbox.select(SandboxMode.OFF), cmd).exitCode()).as("control: unsandboxed").isZero();
    ProcessResult r = run(bwrap, cmd);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void aSandboxedToolSeesNoProcessOfTheService() throws Exception {
    assumeSandbox();
    ProcessResult r = run(bwrap, List.of("sh", "-c", "ls /proc | grep -E '^[0-9]+$' | sort -n | tr '\\n' ' '"));

    assertThat(r.exitCode()).isZero();
    List<Long> pids = java.util.Arrays.stream(r.stdout().trim().split(" +")).map(Long::parseLong).toList();
    assertThat(pids).doesNotContain(SERVICE_PID).allSatisfy(p -> assertThat(p).isLessThan(10));
  }

  @Test
  void aSandboxedToolCannotListTheAppsDirNorReadAFileOutsideItsWorkspace() throws Exception {
    assumeSandbox();
    Path apps = Files.createDirectories(dir.resolve("apps/m1/app1"));
    Path secret = Files.writeString(dir.resolve("apps/m1/app1/secret.txt"), "s3cret");
    Path home = Files.writeString(Files.createDirectories(dir.resolve("service")).resolve("token"), "t0ken");
    for (List<String> cmd : List.of(List.of("ls", apps.toString()), List.of("cat", secret.toString()),
        List.of("cat", home.toString()))) {
      assertThat(run(ToolSandbox.select(SandboxMode.OFF), cmd).exitCode()).as("control " + cmd).isZero();
      ProcessResult r = run(bwrap, cmd);
      assertThat(r.exitCode()).as(cmd.toString()).isNotZero();
      assertThat(r.stdout()).doesNotContain("s3cret", "t0ken", "secret.txt");
    }
  }

  @Test
  void aSandboxedToolRunsAsNobodyAndWritesOnlyItsWorkspace() throws Exception {
    assumeSandbox();
    Path ws = Files.createDirectories(dir.resolve("ws/src"));
    ProcessResult r = run(bwrap, List.of("sh", "-c", "id -u; touch " + ws + "/made && echo made; "
        + "touch /usr/x 2>/dev/null || echo usr-read-only; touch /etc/x 2>/dev/null || echo etc-read-only"),
        dir.resolve("ws"), ws);

    assertThat(r.stdout().lines().toList()).containsExactly("65534", "made", "usr-read-only", "etc-read-only");
    assertThat(ws.resolve("made")).exists();
  }

  @Test
  void bwrapModeRefusesToStartWhenTheProbeFails() {
    assertThatThrownBy(() -> ToolSandbox.select(SandboxMode.BWRAP, cmd -> false))
        .isInstanceOf(SettingsException.class).hasMessageContaining("ANALYZER_TOOL_SANDBOX=bwrap");
  }

  @Test
  void autoWithoutAWorkingProbeRunsUnsandboxedButRefusesCodeImportingTools() {
    ToolSandbox s = ToolSandbox.select(SandboxMode.AUTO, cmd -> false);

    assertThat(s.isolates()).isFalse();
    assertThat(s.name()).isEqualTo("none");
    assertThat(s.refusesCodeImportingTools()).isTrue();
    assertThat(ToolSandbox.select(SandboxMode.OFF, cmd -> true).refusesCodeImportingTools()).isFalse();
  }

  @Test
  void theProbeIsTheSandboxCommandAroundTrue() {
    List<List<String>> probed = new java.util.ArrayList<>();
    ToolSandbox.select(SandboxMode.AUTO, cmd -> probed.add(cmd));

    assumeTrue(Files.isExecutable(ToolSandbox.BWRAP), "no " + ToolSandbox.BWRAP + ": install bubblewrap");
    assertThat(probed).hasSize(1);
    assertThat(probed.get(0)).startsWith("/usr/bin/bwrap", "--unshare-all", "--unshare-user", "--uid", "65534")
        .contains("--die-with-parent", "--new-session", "--cap-drop", "ALL", "--proc", "--dev", "--tmpfs")
        .endsWith("--", "/bin/true");
  }

  private ProcessResult run(ToolSandbox sandbox, List<String> cmd) throws Exception {
    Path ws = Files.createDirectories(dir.resolve("probe-ws"));
    return run(sandbox, cmd, ws, ws);
  }

  private static ProcessResult run(ToolSandbox sandbox, List<String> cmd, Path ws, Path cwd) {
    try (ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE)) {
      ScopedProcessRunner runner = new ScopedProcessRunner(scope, IO, ProcessTrees.DEFAULT_GRACE);
      return runner.run(ProcessSpec.of(sandbox.wrap(cmd, ws, cwd, List.of())).inDirectory(cwd)
          .withTimeout(Duration.ofSeconds(20)));
    }
  }

  static void assumeSandbox() {
    assumeTrue(bwrapWorks(), "bubblewrap cannot run a sandbox here: install it (scripts/install-tools.sh, "
        + "Debian bubblewrap) and allow user namespaces to enable this test");
  }

  static boolean bwrapWorks() {
    return ToolSandbox.select(SandboxMode.AUTO).isolates();
  }
}
