package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.ClientStats;
import dev.analyzer.client.task.TaskState;
import dev.analyzer.client.testing.ConnectionCountingProxy;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.testing.Pids;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original's 17 robustness tests (original-analyzer.md §6), each asserting the real behaviour
 * against real in-process services instead of a mock's.
 */
class SeedRobustnessSuiteTest {

  @TempDir
  Path root;

  private static Message reply(AnalysisHandle h) throws Exception {
    return h.result().get(20, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  // 1-5: the circuit breaker, driven by real requests to a real (dead, then live) replica.

  @Test
  void test01_circuitBreakerInitialState() {
    try (AnalyzerClient client = Services.client(Services.connection(5, 3, Duration.ofSeconds(60), 3),
        "ws://127.0.0.1:1").build()) {
      assertThat(client.stats().circuitBreakers().states()).extracting(ClientStats.BreakerState::state)
          .containsOnly("closed");
    }
  }

  @Test
  void test02_circuitBreakerOpensAfterFailures() throws Exception {
    String dead = "ws://127.0.0.1:" + freePort();
    try (AnalyzerClient client = Services.client(Services.connection(5, 3, Duration.ofSeconds(60), 3), dead).build()) {
      for (int i = 0; i < 3; i++) {
        assertThat(ClientFailure.of(reply(client.submit(Services.request("quick"), null)))).contains(ClientFailure.UNREACHABLE);
      }

      Message refused = reply(client.submit(Services.request("quick"), null));

      assertThat(ClientFailure.of(refused)).contains(ClientFailure.CIRCUIT_OPEN);
      assertThat(stateOf(client, dead)).isEqualTo("open");
    }
  }

  @Test
  void test03_circuitBreakerHalfOpenAfterTimeout() throws Exception {
    int port = freePort();
    String url = "ws://127.0.0.1:" + port;
    try (AnalyzerClient client = Services.client(Services.connection(5, 3, Duration.ofMillis(300), 3), url).build()) {
      for (int i = 0; i < 3; i++) {
        reply(client.submit(Services.request("quick"), null));
      }
      assertThat(stateOf(client, url)).isEqualTo("open");

      await().atMost(Duration.ofSeconds(3)).until(() -> stateOf(client, url).equals("half_open"));
      try (Services.Running live = Services.start(root, 64, port)) {
        Message probe = reply(client.submit(Services.request("quick"), null));
        assertThat(probe).isInstanceOf(AnalysisResult.class);
      }
    }
  }

  @Test
  void test04_circuitBreakerRecoversAfterSuccesses() throws Exception {
    int port = freePort();
    String url = "ws://127.0.0.1:" + port;
    try (AnalyzerClient client = Services.client(Services.connection(5, 2, Duration.ofMillis(200), 2), url).build()) {
      reply(client.submit(Services.request("quick"), null));
      reply(client.submit(Services.request("quick"), null));
      assertThat(stateOf(client, url)).isEqualTo("open");
      try (Services.Running live = Services.start(root, 64, port)) {
        await().atMost(Duration.ofSeconds(3)).until(() -> stateOf(client, url).equals("half_open"));

        assertThat(reply(client.submit(Services.request("quick"), null))).isInstanceOf(AnalysisResult.class);
        assertThat(reply(client.submit(Services.request("quick"), null))).isInstanceOf(AnalysisResult.class);

        assertThat(stateOf(client, url)).isEqualTo("closed");
      }
    }
  }

  @Test
  void test05_circuitBreakerReopensOnHalfOpenFailure() throws Exception {
    String dead = "ws://127.0.0.1:" + freePort();
    try (AnalyzerClient client = Services.client(Services.connection(5, 1, Duration.ofMillis(200), 2), dead).build()) {
      reply(client.submit(Services.request("quick"), null));
      await().atMost(Duration.ofSeconds(3)).until(() -> stateOf(client, dead).equals("half_open"));

      assertThat(ClientFailure.of(reply(client.submit(Services.request("quick"), null)))).contains(ClientFailure.UNREACHABLE);

      assertThat(stateOf(client, dead)).isEqualTo("open");
    }
  }

  // 6-7: a managed task's cancel.

  @Test
  void test06_managedTaskCancellation() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle h = client.submit(Services.request("sleep"), null);
      svc.service().started.await(5, TimeUnit.SECONDS);

      h.cancel();

      assertThat(ClientFailure.of(reply(h))).contains(ClientFailure.CANCELLED);
      assertThat(h.state()).isEqualTo(TaskState.CANCELLED);
    }
  }

  @Test
  void test07_managedTaskSubprocessCleanup() throws Exception {
    Path pidFile = root.resolve("t7.pids");
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle h = client.submit(Services.request("tree", "pid_file", pidFile.toString()), null);
      await().atMost(Duration.ofSeconds(10)).until(() -> Pids.readPids(pidFile).size() == 3);
      List<Long> pids = Pids.readPids(pidFile);

      h.cancel();

      await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
          assertThat(pids).allSatisfy(pid -> assertThat(Pids.exists(pid)).isFalse()));
    }
  }

  // 8-14: the pool.

  @Test
  void test08_connectionPoolConcurrencyLimit() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(2, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      List<AnalysisHandle> handles = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        handles.add(client.submit(Services.request("sleep", "millis", 300, "n", i), null));
      }
      for (AnalysisHandle h : handles) {
        assertThat(reply(h)).isInstanceOf(AnalysisResult.class);
      }

      assertThat(svc.metrics().peak()).isLessThanOrEqualTo(2);
      assertThat(svc.metrics().total()).isEqualTo(5);
    }
  }

  @Test
  void test09_connectionPoolTaskRegistration() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle h = client.submit(Services.request("sleep", "millis", 500), null);

      assertThat(client.stats().activeTasks()).isEqualTo(1);
      assertThat(h.state()).isEqualTo(TaskState.RUNNING);
      assertThat(reply(h)).isInstanceOf(AnalysisResult.class);
    }
  }

  @Test
  void test10_connectionPoolTaskCancellation() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle h = client.submit(Services.request("sleep"), null);
      svc.service().started.await(5, TimeUnit.SECONDS);

      assertThat(client.cancel(h.id())).isTrue();

      assertThat(ClientFailure.of(reply(h))).contains(ClientFailure.CANCELLED);
      assertThat(client.cancel("no-such-task")).isFalse();
      await().atMost(Duration.ofSeconds(5)).until(() -> svc.server().analysesInFlight() == 0);
    }
  }

  @Test
  void test11_connectionPoolRequestDeduplication() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      List<AnalysisHandle> handles = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        handles.add(client.submit(Services.request("sleep", "millis", 400), null));
      }
      List<AnalysisResult> results = new ArrayList<>();
      for (AnalysisHandle h : handles) {
        results.add((AnalysisResult) reply(h));
      }

      assertThat(svc.service().analyses.get()).isEqualTo(1);
      assertThat(results).extracting(AnalysisResult::status).containsOnly(ResultStatus.SUCCESS);
      assertThat(results).extracting(AnalysisResult::correlationId)
          .containsExactlyElementsOf(handles.stream().map(AnalysisHandle::id).toList());
      assertThat(handles.stream().filter(AnalysisHandle::isDeduplicated).count()).isEqualTo(4);
    }
  }

  @Test
  void test12_connectionPoolCircuitBreakerIntegration() throws Exception {
    String dead = "ws://127.0.0.1:" + freePort();
    try (AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), dead).build()) {
      for (int i = 0; i < 5; i++) {
        assertThat(ClientFailure.of(reply(client.submit(Services.request("quick", "n", i), null))))
            .contains(ClientFailure.UNREACHABLE);
      }

      Message fast = reply(client.submit(Services.request("quick"), null));

      assertThat(ClientFailure.of(fast)).contains(ClientFailure.CIRCUIT_OPEN);
      assertThat(fast.extra().get("error").toString()).contains("circuit breakers").contains(dead);
    }
  }

  @Test
  void test13_connectionPoolCleanup() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle quick = client.submit(Services.request("quick"), null);
      AnalysisHandle slow = client.submit(Services.request("sleep", "millis", 1500), null);
      assertThat(client.stats().activeTasks()).isEqualTo(2);

      reply(quick);

      await().atMost(Duration.ofSeconds(2)).until(() -> client.stats().activeTasks() == 1);
      reply(slow);
      await().atMost(Duration.ofSeconds(2)).until(() -> client.stats().activeTasks() == 0);
    }
  }

  @Test
  void test14_connectionPoolStats() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(7, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      reply(client.submit(Services.request("quick"), null));

      ClientStats s = client.stats();

      assertThat(s.maxConcurrentConnections()).isEqualTo(7);
      assertThat(s.activeConnections()).isBetween(0, 7);
      assertThat(s.pooledConnections()).isZero();
      assertThat(s.pendingRequests()).isZero();
      assertThat(s.circuitBreakers().total()).isEqualTo(4);
      assertThat(s.replicas()).anySatisfy(r -> {
        assertThat(r.url()).isEqualTo(svc.url());
        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.latencyMillis()).isPositive();
      });
    }
  }

  // 15-17: module level.

  /**
   * Counted on the wire (a proxy that drops its count before it relays the server's end of stream),
   * not by the service: the service records a close only in the {@code channelInactive} Netty runs
   * after the socket's FIN is out, so its count may trail the wire and once showed 4 here. The
   * service's close count is made to lag 30 ms to show that the wire count does not depend on it.
   */
  @Test
  void test15_connectionExhaustionPrevention() throws Exception {
    try (Services.Running svc = Services.start(root, 64, 0, Duration.ofMillis(30));
        ConnectionCountingProxy wire = new ConnectionCountingProxy(svc.server().port());
        AnalyzerClient client = Services.client(Services.connection(3, 5, Duration.ofSeconds(60), 3), wire.url())
            .build()) {
      List<AnalysisHandle> handles = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        handles.add(client.submit(Services.request("sleep", "millis", 100, "n", i), null));
      }
      for (AnalysisHandle h : handles) {
        assertThat(reply(h)).isInstanceOf(AnalysisResult.class);
      }

      assertThat(wire.peak()).isLessThanOrEqualTo(3);
      assertThat(wire.total()).isEqualTo(20);
      assertThat(svc.service().analyses.get()).isEqualTo(20);
    }
  }

  @Test
  void test16_taskCancellationPropagation() throws Exception {
    Path pidFile = root.resolve("t16.pids");
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle h = client.submit(Services.request("tree", "pid_file", pidFile.toString()), null);
      await().atMost(Duration.ofSeconds(10)).until(() -> Pids.readPids(pidFile).size() == 3);
      List<Long> pids = Pids.readPids(pidFile);

      client.close();

      assertThat(ClientFailure.of(reply(h))).contains(ClientFailure.CANCELLED);
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
          assertThat(pids).allSatisfy(pid -> assertThat(Pids.exists(pid)).isFalse()));
    }
  }

  @Test
  void test17_timeoutCascade() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      long t0 = System.nanoTime();

      Message reply = reply(client.submit(Services.request("silent"), null, Duration.ofMillis(700)));

      assertThat(ClientFailure.of(reply)).contains(ClientFailure.TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(5)).until(() -> svc.server().analysesInFlight() == 0);
    }
  }

  private static String stateOf(AnalyzerClient client, String url) {
    return client.stats().circuitBreakers().states().stream().filter(s -> s.url().equals(url))
        .map(ClientStats.BreakerState::state).findFirst().orElseThrow();
  }
}
