package dev.analyzer.service.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessResult.Termination;
import dev.analyzer.service.process.ProcessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes print their environment: only the allow-list, never the service's secrets. */
class ChildEnvironmentProcessTest {

  private static final List<String> SECRETS = List.of("ANALYZER_AUTH_TOKEN", "AI_API_KEY", "OPENROUTER_API_KEY",
      "AWS_SECRET_ACCESS_KEY", "PYTHONPATH", "NODE_OPTIONS");

  private final ExecutorService io = Executors.newCachedThreadPool();
  @TempDir
  Path tmp;
  private ProcessScope scope;

  @AfterEach
  void tearDown() {
    if (scope != null) {
      scope.close();
    }
    io.shutdownNow();
  }

  private ScopedProcessRunner runnerWithParent(Map<String, String> parent) {
    scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE, new ScratchDirectory(tmp));
    return new ScopedProcessRunner(scope, io, ProcessTrees.DEFAULT_GRACE,
        new ChildEnvironment(Environment.of(parent)));
  }

  private static Map<String, String> serviceEnvWithSecrets() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("JAVA_HOME", "/opt/jdk");
    env.put("USER", "analyzer");
    for (String s : SECRETS) {
      env.put(s, "secret-value-of-" + s);
    }
    return env;
  }

  private static Map<String, String> parse(ProcessResult r) {
    assertThat(r.termination()).isEqualTo(Termination.EXITED);
    assertThat(r.exitCode()).isZero();
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : r.stdout().split("\0")) {
      if (!entry.isEmpty()) {
        int eq = entry.indexOf('=');
        out.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return out;
  }

  @Test
  void aChildSeesOnlyTheAllowListNeverTheServicesSecrets() {
    ScopedProcessRunner runner = runnerWithParent(serviceEnvWithSecrets());

    ProcessResult r = runner.run(ProcessSpec.of("env", "-0"));

    Map<String, String> env = parse(r);
    assertThat(env.keySet()).doesNotContainAnyElementsOf(SECRETS).doesNotContain("JAVA_HOME", "USER");
    assertThat(r.stdout()).doesNotContain("secret-value-of-");
    assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(ChildEnvironment.ALLOWED);
    assertThat(env.get("PATH")).isEqualTo(System.getenv("PATH"));
    assertThat(env.get("LANG")).isEqualTo("C.UTF-8");
    assertThat(env.get("LC_ALL")).isEqualTo("C.UTF-8");
    assertThat(env.get("TERM")).isEqualTo("dumb");
    Path home = Path.of(env.get("HOME"));
    assertThat(home.getParent()).isEqualTo(tmp);
    assertThat(home.getFileName().toString()).startsWith(ScratchDirectory.PREFIX);
    assertThat(env.get("TMPDIR")).isEqualTo(env.get("HOME"));
  }

  @Test
  void theScratchHomeIsWritableAndDeletedWhenTheAnalysisEnds() {
    ScopedProcessRunner runner = runnerWithParent(serviceEnvWithSecrets());

    ProcessResult r = runner.run(ProcessSpec.of("sh", "-c", "mkdir -p \"$HOME/.cache\" && echo x > \"$TMPDIR/f\" && echo $HOME"));

    Path home = Path.of(r.stdout().trim());
    assertThat(Files.isRegularFile(home.resolve("f"))).isTrue();
    scope.close();
    assertThat(Files.exists(home)).isFalse();
  }

  @Test
  void aSpecPassesNamedServiceVariablesAndSetsItsOwn() {
    Map<String, String> parent = serviceEnvWithSecrets();
    parent.put("LANG", "de_DE.UTF-8");
    ScopedProcessRunner runner = runnerWithParent(parent);

    Map<String, String> env = parse(runner.run(ProcessSpec.of("env", "-0").withInheritedEnv("JAVA_HOME", "NOT_SET")
        .withEnv("PYLINTHOME", "/x/pylint").withEnv("TERM", "xterm")));

    assertThat(env).containsEntry("JAVA_HOME", "/opt/jdk").containsEntry("PYLINTHOME", "/x/pylint")
        .containsEntry("TERM", "xterm").containsEntry("LANG", "de_DE.UTF-8").containsEntry("LC_ALL", "de_DE.UTF-8")
        .doesNotContainKey("NOT_SET");
    assertThat(env.keySet()).doesNotContainAnyElementsOf(SECRETS);
  }
}
