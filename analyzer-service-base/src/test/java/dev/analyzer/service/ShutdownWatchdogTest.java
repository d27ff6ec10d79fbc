package dev.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A drain that never returns still ends the process after SIGTERM: the watchdog halts it. */
class ShutdownWatchdogTest {

  @Test
  void aHangingDrainIsHaltedAfterTheBudget() throws Exception {
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HangingDrainMain.class.getName()))
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals("READY"));
      assertThat(line).as("the process printed READY").isEqualTo("READY");
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();

      p.destroy();

      assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exited after SIGTERM despite the hanging drain").isTrue();
      assertThat(p.exitValue()).isEqualTo(ShutdownWatchdog.HALT_EXIT_CODE);
    } finally {
      p.destroyForcibly();
    }
  }
}
