package dev.analyzer.service.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.service.testing.Pids;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() racing a start, a crash and a scheduled restart never leaves a daemon process behind. */
class ToolDaemonCloseRaceTest {

  /** Each round starts and kills real processes (about 0.1 s), so fewer than the usual 1000. */
  private static final int ROUNDS = 60;
  private final ExecutorService callers = Executors.newFixedThreadPool(2);

  @TempDir
  Path tmp;

  @AfterEach
  void tearDown() {
    callers.shutdownNow();
  }

  @Test
  void closeAtARandomMomentLeavesNoProcess() throws Exception {
    Path pids = tmp.resolve("pids");
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < ROUNDS; i++) {
      // a daemon that dies after a random moment, so close meets it starting, running, dead or backing off
      String lifetime = random.nextBoolean() ? "0" : "0.00" + (1 + random.nextInt(9));
      ToolDaemon daemon = ToolDaemon.builder("race", ProcessSpec.of("sh", "-c",
              "echo $$ >> \"$1\"; sleep " + lifetime, "sh", pids.toString()))
          .withHealthProbe(HealthProbe.PROCESS_ALIVE, Duration.ofMillis(1))
          .withRestartBackoff(Duration.ofNanos(1 + random.nextInt(500_000)), Duration.ofMillis(1))
          .withStopGrace(Duration.ofMillis(200)).withStartupTimeout(Duration.ofMillis(50)).build();
      CompletableFuture<?> use = CompletableFuture.runAsync(() -> {
        try {
          daemon.ensureRunning();
        } catch (IllegalStateException | InterruptedException expected) {
          // stopped, or not healthy before it was
        }
      }, callers);
      LockSupport.parkNanos(random.nextLong(3_000_000));

      daemon.close();

      assertThat(daemon.state()).isEqualTo(ToolDaemon.State.STOPPED);
      assertThat(daemon.pid()).isEmpty();
      use.get(5, TimeUnit.SECONDS);
    }
    List<Long> all = Pids.readPids(pids);
    assertThat(all).isNotEmpty();
    assertThat(all).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }
}
