package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.service.testing.DaemonServiceMain;
import dev.analyzer.service.testing.Pids;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service process that owns a daemon: SIGTERM stops the service and leaves no process of the daemon. */
class DaemonShutdownTest {

  @TempDir
  Path tmp;

  @Test
  void sigtermToTheServiceLeavesNoDaemonProcess() throws Exception {
    // given a service whose daemon runs a tree of three processes
    Path pids = tmp.resolve("pids");
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DaemonServiceMain.class.getName(), "--port", "0"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("DAEMON_PID_FILE", pids.toString());
    pb.environment().put("ANALYZER_SHUTDOWN_GRACE", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String ready = null;
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("READY ")) {
          ready = line;
          break;
        }
      }
      assertThat(ready).as("the service printed READY").isNotNull();
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> Pids.readPids(pids).size() == 3);
      List<Long> tree = Pids.readPids(pids);
      assertThat(tree).allMatch(Pids::exists);

      // when
      p.destroy();

      // then
      assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("the service exited after SIGTERM").isTrue();
      assertThat(p.exitValue()).isZero();
      await().atMost(Duration.ofSeconds(3)).until(() -> tree.stream().noneMatch(Pids::exists));
    } finally {
      p.destroyForcibly();
      for (long pid : Pids.readPids(pids)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
