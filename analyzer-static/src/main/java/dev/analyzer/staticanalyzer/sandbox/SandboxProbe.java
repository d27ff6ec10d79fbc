package dev.analyzer.staticanalyzer.sandbox;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the start-up probe of the sandbox ({@code bwrap ... /bin/true}) as a real process, with an
 * empty environment but {@code PATH}, no input and a 10 s bound. Stateless.
 */
final class SandboxProbe {

  private static final long TIMEOUT_SECONDS = 10;

  private SandboxProbe() {}

  /** True when {@code command} exited 0 within the bound. */
  static boolean exitsZero(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    try {
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
