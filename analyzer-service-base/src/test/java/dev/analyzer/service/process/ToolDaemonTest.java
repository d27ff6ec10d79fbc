package dev.analyzer.service.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.testing.Pids;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real daemon processes: lazy start, probes, restart after kill -9 with backoff, stop leaves nothing. */
class ToolDaemonTest {

  /** Runs restarts at once but records the delay the daemon asked for, so backoff is checked without waiting. */
  static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    final List<Duration> restartDelays = new CopyOnWriteArrayList<>();

    RecordingScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      restartDelays.add(Duration.ofNanos(unit.toNanos(delay)));
      return super.schedule(task, 0, unit);
    }
  }

  private final RecordingScheduler scheduler = new RecordingScheduler();
  private ToolDaemon daemon;

  @TempDir
  Path tmp;

  @AfterEach
  void tearDown() {
    if (daemon != null) {
      daemon.close();
    }
    scheduler.shutdownNow();
  }

  @Test
  void startsLazilyRestartsAfterKill9AndStopLeavesNoProcess() throws Exception {
    // given a daemon whose tree (sh + two sleeps) records its pids
    Path pids = tmp.resolve("pids");
    daemon = ToolDaemon.builder("tree", ProcessSpec.of(Pids.treeCommand(pids)))
        .withHealthProbe(HealthProbe.PROCESS_ALIVE, Duration.ofMillis(50))
        .withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8)).withScheduler(scheduler).build();
    assertThat(daemon.state()).isEqualTo(ToolDaemon.State.NOT_STARTED);
    assertThat(Pids.readPids(pids)).isEmpty();

    // when first used, then it runs
    long first = daemon.ensureRunning();
    assertThat(daemon.state()).isEqualTo(ToolDaemon.State.HEALTHY);
    await().atMost(Duration.ofSeconds(5)).until(() -> Pids.readPids(pids).size() == 3);
    List<Long> firstTree = Pids.readPids(pids);

    // when it is killed with SIGKILL, then it is restarted after the first backoff step
    ProcessHandle.of(first).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.state() == ToolDaemon.State.HEALTHY
        && daemon.pid().isPresent() && daemon.pid().getAsLong() != first);
    assertThat(daemon.restarts()).isEqualTo(1);
    assertThat(scheduler.restartDelays).containsExactly(Duration.ofSeconds(1));
    assertThat(firstTree).as("the killed daemon's children were killed too").noneMatch(Pids::exists);
    await().atMost(Duration.ofSeconds(5)).until(() -> Pids.readPids(pids).size() == 6);

    // when stopped, then nothing of any run is left
    daemon.close();
    assertThat(daemon.state()).isEqualTo(ToolDaemon.State.STOPPED);
    assertThat(Pids.readPids(pids)).hasSize(6).noneMatch(Pids::exists);
    assertThatThrownBy(daemon::ensureRunning).isInstanceOf(IllegalStateException.class).hasMessageContaining("tree");
  }

  @Test
  void aDaemonThatKeepsDyingBacksOffExponentiallyUpToTheCap() {
    daemon = ToolDaemon.builder("crashy", ProcessSpec.of("sh", "-c", "exit 3"))
        .withHealthProbe(HealthProbe.PROCESS_ALIVE, Duration.ofMillis(200))
        .withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8)).withScheduler(scheduler)
        .withStartupTimeout(Duration.ofMillis(300)).build();

    assertThatThrownBy(daemon::ensureRunning).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("crashy").hasMessageContaining("did not become healthy");

    await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.restartDelays.size() >= 6);
    assertThat(List.copyOf(scheduler.restartDelays).subList(0, 6)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
  }

  @Test
  void anHttpDaemonFailingItsProbeIsRestartedAndAnswersAgain() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/");
    HealthProbe get = pid -> http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    daemon = ToolDaemon.builder("http", ProcessSpec.of("python3", "-m", "http.server", Integer.toString(port),
            "--bind", "127.0.0.1").inDirectory(tmp))
        .withHealthProbe(get, Duration.ofMillis(100)).withFailureThreshold(2)
        .withRestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)).withScheduler(scheduler).build();

    long first = daemon.ensureRunning();
    assertThat(get.isHealthy(first)).isTrue();

    // SIGSTOP: alive but not answering, so only the probe can notice
    new ProcessBuilder("kill", "-STOP", Long.toString(first)).start().waitFor();

    await().atMost(Duration.ofSeconds(15)).until(() -> daemon.state() == ToolDaemon.State.HEALTHY
        && daemon.pid().orElse(first) != first);
    assertThat(get.isHealthy(daemon.pid().getAsLong())).isTrue();
    assertThat(Pids.exists(first)).isFalse();
  }

  @Test
  void theDaemonGetsTheAllowListedEnvironmentOnly() throws Exception {
    Path env = tmp.resolve("env");
    daemon = ToolDaemon.builder("env", ProcessSpec.of("sh", "-c", "env > \"$1\"; exec sleep 1000", "sh", env.toString()))
        .withParentEnvironment(Environment.of(Map.of("PATH", System.getenv("PATH"),
            "ANALYZER_AUTH_TOKEN", "daemon-secret-token", "OPENROUTER_API_KEY", "sk-or-daemon")))
        .withScheduler(scheduler).build();

    daemon.ensureRunning();

    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(env) && Files.readString(env).contains("TERM="));
    assertThat(Files.readString(env)).doesNotContain("daemon-secret-token").doesNotContain("sk-or-daemon")
        .contains("TERM=dumb");
  }
}
