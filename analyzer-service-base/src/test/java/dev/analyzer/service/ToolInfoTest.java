package dev.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.service.process.internal.ProcessScope;
import dev.analyzer.service.process.internal.ProcessTrees;
import dev.analyzer.service.process.internal.ScopedProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolInfoTest {

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
  void detectsAToolsVersionAndAbsolutePathByRunningIt() throws Exception {
    Path tool = tmp.resolve("mytool");
    Files.writeString(tool, "#!/bin/sh\necho \"mytool version 4.5.6-beta.1 (built today)\"\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));

    ToolInfo info = ToolInfo.detect(runner, "mytool", tool.toString(), "--version").orElseThrow();

    assertThat(info).isEqualTo(new ToolInfo("mytool", "4.5.6-beta.1", tool.toAbsolutePath()));
  }

  @Test
  void aRealToolOnPathIsFoundWithItsVersion() {
    ToolInfo info = ToolInfo.detect(runner, "python", "python3", "--version").orElseThrow();

    assertThat(info.path()).isAbsolute();
    assertThat(info.version()).matches("3\\.\\d+\\.\\d+.*");
  }

  @Test
  void aMissingOrFailingToolIsNotDetected() {
    assertThat(ToolInfo.detect(runner, "nope", "no-such-tool-here-42", "--version")).isEmpty();
    assertThat(ToolInfo.detect(runner, "false", "false")).isEmpty();
  }

  @Test
  void versionIsTheFirstVersionTokenElseTheFirstLineCappedAndValidated() {
    assertThat(ToolInfo.parseVersion("bandit 1.7.5\n  python version = 3.11.2")).isEqualTo("1.7.5");
    assertThat(ToolInfo.parseVersion("\n  nightly build\nmore")).isEqualTo("nightly build");
    assertThat(ToolInfo.parseVersion("")).isNull();
    assertThat(new ToolInfo("t", "x".repeat(500), null).version()).hasSize(ToolInfo.MAX_VERSION_LENGTH);
    assertThatThrownBy(() -> new ToolInfo("t", "1", Path.of("bin/t"))).hasMessageContaining("must be absolute");
    assertThat(ToolInfo.versions(List.of(new ToolInfo("a", "1.0", null), ToolInfo.builtin("b"))))
        .containsExactly(java.util.Map.entry("a", "1.0"));
  }
}
