package dev.analyzer.service.process.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessResult.Termination;
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.service.testing.Pids;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: capture, caps, timeouts and whole-tree kills without zombies. */
class ScopedProcessRunnerTest {

  private final ExecutorService io = Executors.newCachedThreadPool();
  private final ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE);
  private final ScopedProcessRunner runner = new ScopedProcessRunner(scope, io, ProcessTrees.DEFAULT_GRACE);

  @TempDir
  Path tmp;

  @AfterEach
  void tearDown() {
    scope.close();
    io.shutdownNow();
  }

  @Test
  void capturesOutputAndExitCode() {
    ProcessResult r = runner.run(ProcessSpec.of("sh", "-c", "echo out; echo err >&2; exit 3"));

    assertThat(r.termination()).isEqualTo(Termination.EXITED);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
    assertThat(r.exitedWithOneOf(0, 3)).isTrue();
    assertThat(r.succeeded()).isFalse();
  }

  @Test
  void argumentsAreNeverInterpretedByAShell() {
    ProcessResult r = runner.run(ProcessSpec.of("echo", "$(id)", ";", "rm -rf /"));

    assertThat(r.stdout()).isEqualTo("$(id) ; rm -rf /\n");
  }

  @Test
  void runsInTheGivenDirectoryWithExtraEnvironment() {
    ProcessResult r = runner.run(ProcessSpec.of("sh", "-c", "pwd; echo $ANALYZER_TEST_VAR")
        .inDirectory(tmp).withEnv("ANALYZER_TEST_VAR", "hello"));

    assertThat(r.stdout()).isEqualTo(realPath(tmp) + "\nhello\n");
  }

  private static String realPath(Path p) {
    try {
      return p.toRealPath().toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void missingExecutableIsReportedNotThrown() {
    ProcessResult r = runner.run(ProcessSpec.of("no-such-tool-xyz", "--version"));

    assertThat(r.termination()).isEqualTo(Termination.START_FAILED);
    assertThat(r.error()).isEqualTo("no-such-tool-xyz: not found on PATH");
  }

  @Test
  void outputBeyondTheCapIsDrainedAndFlagged() {
    ProcessResult r = runner.run(ProcessSpec.of("head", "-c", "3000000", "/dev/zero").withOutputLimits(1000, 100));

    assertThat(r.termination()).isEqualTo(Termination.EXITED);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSize(1000);
    assertThat(r.stdoutTruncated()).isTrue();
  }

  @Test
  void timeoutKillsTheWholeTreeLeavingNoZombie() throws Exception {
    Path pidFile = tmp.resolve("pids");

    ProcessResult r = runner.run(ProcessSpec.of(Pids.treeCommand(pidFile)).withTimeout(Duration.ofMillis(800)));

    assertThat(r.termination()).isEqualTo(Termination.TIMED_OUT);
    assertThat(r.error()).contains("ran past its timeout");
    List<Long> pids = Pids.readPids(pidFile);
    assertThat(pids).hasSize(3);
    await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(pids).allSatisfy(pid -> assertThat(Pids.exists(pid)).as("pid %d", pid).isFalse()));
  }

  @Test
  void closingTheScopeKillsRunningTreesAndRefusesNewProcesses() throws Exception {
    Path pidFile = tmp.resolve("pids");
    CompletableFuture<ProcessResult> running = CompletableFuture.supplyAsync(
        () -> runner.run(ProcessSpec.of(Pids.treeCommand(pidFile))), io);
    await().atMost(Duration.ofSeconds(5)).until(() -> Pids.readPids(pidFile).size() == 3);
    List<Long> pids = Pids.readPids(pidFile);

    scope.close();

    assertThat(running.get().termination()).isEqualTo(Termination.CANCELLED);
    await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(pids).allSatisfy(pid -> assertThat(Pids.exists(pid)).as("pid %d", pid).isFalse()));
    assertThat(runner.run(ProcessSpec.of("true")).termination()).isEqualTo(Termination.CANCELLED);
  }

  @Test
  void backgroundChildrenLeftBehindAreKilled() throws Exception {
    Path pidFile = tmp.resolve("pids");
    String f = pidFile.toString();

    ProcessResult r = runner.run(ProcessSpec.of("sh", "-c", "sleep 600 & echo $! > '" + f + "'; echo started"));

    assertThat(r.stdout()).isEqualTo("started\n");
    long orphan = Pids.readPids(pidFile).get(0);
    await().atMost(Duration.ofSeconds(2)).until(() -> !Pids.exists(orphan));
  }
}
