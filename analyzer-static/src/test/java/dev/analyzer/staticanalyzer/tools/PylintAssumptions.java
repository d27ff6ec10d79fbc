package dev.analyzer.staticanalyzer.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.staticanalyzer.sandbox.SandboxMode;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;

/**
 * pylint runs only inside the sandbox in the default {@code auto} mode (it imports the analysed
 * code), so a test that expects pylint's findings needs pylint installed and a working bubblewrap.
 */
public final class PylintAssumptions {

  private PylintAssumptions() {}

  /** Skips the test, with the reason, unless pylint can run in the default mode here. */
  public static void assumePylintRuns() {
    assumeTrue(ProcessRunner.which("pylint").isPresent(),
        "pylint is not installed: run scripts/install-tools.sh (Debian pylint) to enable this test");
    assumeTrue(ToolSandbox.select(SandboxMode.AUTO).isolates(), "pylint runs only in the bubblewrap sandbox, which "
        + "cannot run here: install it (scripts/install-tools.sh, Debian bubblewrap) and allow user namespaces");
  }
}
