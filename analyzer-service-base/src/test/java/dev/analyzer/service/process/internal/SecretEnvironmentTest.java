package dev.analyzer.service.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.service.secrets.Secret;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A child gets a secret only when its spec asks for that one by name. */
class SecretEnvironmentTest {

  private final ExecutorService io = Executors.newCachedThreadPool();
  private final ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE);
  private final ScopedProcessRunner runner = new ScopedProcessRunner(scope, io, ProcessTrees.DEFAULT_GRACE,
      new ChildEnvironment(Environment.of(Map.of("PATH", System.getenv("PATH"), "OPENROUTER_API_KEY", "sk-or-env",
          "AI_API_KEY", "sk-ai-env"))));

  @AfterEach
  void tearDown() {
    scope.close();
    io.shutdownNow();
  }

  @Test
  void onlyTheSecretAskedForByNameReachesTheChildAndTheSpecPrintsItRedacted() {
    Secret key = Secret.of("OPENROUTER_API_KEY", "sk-or-from-file-77");
    ProcessSpec spec = ProcessSpec.of("env").withSecretEnv("OPENROUTER_API_KEY", key);

    ProcessResult r = runner.run(spec);

    assertThat(r.stdout()).contains("OPENROUTER_API_KEY=sk-or-from-file-77\n").doesNotContain("sk-or-env")
        .doesNotContain("AI_API_KEY").doesNotContain("sk-ai-env");
    assertThat(spec.toString()).doesNotContain("sk-or-from-file-77").contains("OPENROUTER_API_KEY=***");
    assertThat(runner.run(ProcessSpec.of("env")).stdout()).doesNotContain("OPENROUTER_API_KEY");
  }
}
