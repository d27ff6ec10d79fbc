package dev.analyzer.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code /usr/bin/python3}, the interpreter that owns {@code python3-websockets} (the
 * {@code python3} first on the PATH may not). Stateless; safe from any thread.
 */
final class DebianPython {

  /** The interpreter's path. */
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private DebianPython() {
  }

  /** True when the interpreter exists and imports {@code websockets} within 20 s. */
  static boolean withWebsockets() {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import websockets").redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
