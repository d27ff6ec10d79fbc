package dev.analyzer.staticanalyzer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.service.process.internal.ProcessScope;
import dev.analyzer.service.process.internal.ProcessTrees;
import dev.analyzer.service.process.internal.ScopedProcessRunner;
import dev.analyzer.service.testing.Pids;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a sandboxed tool that starts two background children and waits forever, when its analysis is
 * cancelled (the process scope closes) or its timeout passes, then the runner's kill-tree leaves no
 * process behind: bwrap, its init in the new pid namespace and every child are gone (not even a
 * zombie), seen by their host pids.
 */
class SandboxedToolKillTest {

  private static final ExecutorService IO = Executors.newCachedThreadPool();
  private static final List<String> TREE = List.of("sh", "-c", "sleep 600 & sleep 600 & wait");

  @TempDir
  Path ws;

  @AfterAll
  static void stop() {
    IO.shutdownNow();
  }

  @Test
  void aCancelledSandboxedToolLeavesNoProcess() throws Exception {
    ToolSandboxTest.assumeSandbox();
    ToolSandbox sandbox = ToolSandbox.select(SandboxMode.BWRAP);
    ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE);
    ScopedProcessRunner runner = new ScopedProcessRunner(scope, IO, ProcessTrees.DEFAULT_GRACE);
    CompletableFuture<ProcessResult> run = CompletableFuture.supplyAsync(() -> runner.run(
        ProcessSpec.of(sandbox.wrap(TREE, ws, ws, List.of())).inDirectory(ws).withTimeout(Duration.ofMinutes(5))), IO);

    List<ProcessHandle> tree = awaitSleepers();
    scope.close();

    ProcessResult r = run.get(20, TimeUnit.SECONDS);
    assertThat(r.termination()).isEqualTo(ProcessResult.Termination.CANCELLED);
    assertGone(tree);
  }

  @Test
  void aSandboxedToolPastItsTimeoutLeavesNoProcess() throws Exception {
    ToolSandboxTest.assumeSandbox();
    ToolSandbox sandbox = ToolSandbox.select(SandboxMode.BWRAP);
    try (ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE)) {
      ScopedProcessRunner runner = new ScopedProcessRunner(scope, IO, ProcessTrees.DEFAULT_GRACE);
      CompletableFuture<ProcessResult> run = CompletableFuture.supplyAsync(() -> runner.run(
          ProcessSpec.of(sandbox.wrap(TREE, ws, ws, List.of())).inDirectory(ws).withTimeout(Duration.ofSeconds(3))), IO);

      List<ProcessHandle> tree = awaitSleepers();
      ProcessResult r = run.get(20, TimeUnit.SECONDS);

      assertThat(r.termination()).isEqualTo(ProcessResult.Termination.TIMED_OUT);
      assertGone(tree);
    }
  }

  /** The bwrap processes under this JVM and all their descendants, once both sleeps run. */
  private static List<ProcessHandle> awaitSleepers() {
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
      List<ProcessHandle> bwraps = ProcessHandle.current().descendants()
          .filter(h -> h.info().command().map(c -> c.endsWith("/bwrap")).orElse(false)).toList();
      java.util.Map<Long, ProcessHandle> all = new java.util.LinkedHashMap<>();
      bwraps.forEach(b -> {
        all.put(b.pid(), b);
        b.descendants().forEach(d -> all.put(d.pid(), d));
      });
      return List.copyOf(all.values());
    }, all -> all.stream().filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false)).count() == 2);
  }

  private static void assertGone(List<ProcessHandle> tree) {
    assertThat(tree).hasSizeGreaterThanOrEqualTo(4);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(tree).allSatisfy(h -> assertThat(Pids.exists(h.pid())).as("pid " + h.pid()).isFalse()));
  }
}
