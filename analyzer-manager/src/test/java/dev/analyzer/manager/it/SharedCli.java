package dev.analyzer.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One CLI home and state with one static service started by the CLI, shared by the process-level test
 * classes that need a running service (starting one per class costs seconds each). Stopped, and its
 * directory removed, when the test JVM exits. Thread-safe.
 */
final class SharedCli {

  private static Cli cli;

  private SharedCli() {}

  static synchronized Cli get() throws Exception {
    if (cli == null) {
      Path dir = Files.createTempDirectory("analyzer-it-");
      Cli c = Cli.withStaticOnly(dir);
      Cli.Run start = c.run("start", "static", "--any-port");
      assertThat(start.exit()).as(start.out()).isZero();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(c, dir), "stop-shared-static"));
      cli = c;
    }
    return cli;
  }

  private static void stop(Cli c, Path dir) {
    try {
      long pid = c.service("static")[0];
      ProcessHandle.of(pid).ifPresent(h -> {
        h.destroy();
        h.onExit().join();
      });
    } catch (IOException | RuntimeException ignored) {
      // not running any more
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
