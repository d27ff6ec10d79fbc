package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.ClientStats;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.service.testing.Pids;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios the original robustness module failed (original-analyzer.md §6, "Defects"). */
class OriginalDefectsTest {

  @TempDir
  Path root;

  private static Message reply(AnalysisHandle h) throws Exception {
    return h.result().get(30, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String breakerOf(AnalyzerClient client, String url) {
    return client.stats().circuitBreakers().states().stream().filter(s -> s.url().equals(url))
        .map(ClientStats.BreakerState::state).findFirst().orElseThrow();
  }

  @Test
  void tenAnalysesWithALimitOfTwoNeverHoldMoreThanTwoConnections() throws Exception {
    // Given the original's semaphore covered only the handshake (defect 1)
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(2, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      // When
      List<AnalysisHandle> handles = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        handles.add(client.submit(Services.request("sleep", "millis", 200, "n", i), null));
      }
      // Then
      for (AnalysisHandle h : handles) {
        assertThat(reply(h)).isInstanceOf(AnalysisResult.class);
      }
      assertThat(svc.metrics().peak()).isLessThanOrEqualTo(2);
      assertThat(svc.metrics().total()).isEqualTo(10);
    }
  }

  @Test
  void theBreakerOpensOnTimeouts() throws Exception {
    // Given the original's breaker saw connect errors only (defect 3)
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 2, Duration.ofSeconds(60), 3), svc.url()).build()) {
      for (int i = 0; i < 2; i++) {
        Message r = reply(client.submit(Services.request("silent", "n", i), null, Duration.ofMillis(300)));
        assertThat(ClientFailure.of(r)).contains(ClientFailure.TIMEOUT);
      }

      assertThat(breakerOf(client, svc.url())).isEqualTo("open");
      assertThat(ClientFailure.of(reply(client.submit(Services.request("quick"), null)))).contains(ClientFailure.CIRCUIT_OPEN);
    }
  }

  @Test
  void theBreakerOpensOnInternalErrorReplies() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 2, Duration.ofSeconds(60), 3), svc.url()).build()) {
      for (int i = 0; i < 2; i++) {
        AnalysisResult r = (AnalysisResult) reply(client.submit(Services.request("throw", "n", i), null));
        assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
      }

      assertThat(breakerOf(client, svc.url())).isEqualTo("open");
    }
  }

  @Test
  void halfOpenLetsOnlyTheConfiguredProbesThroughUnderTwentyCallers() throws Exception {
    // Given the original's half-open admitted every caller (defect 4)
    int port = freePort();
    String url = "ws://127.0.0.1:" + port;
    try (AnalyzerClient client = Services.client(Services.connection(50, 1, Duration.ofMillis(200), 2), url).build()) {
      reply(client.submit(Services.request("quick"), null));
      assertThat(breakerOf(client, url)).isEqualTo("open");
      try (Services.Running svc = Services.start(root, 64, port)) {
        await().atMost(Duration.ofSeconds(3)).until(() -> breakerOf(client, url).equals("half_open"));

        // When
        List<AnalysisHandle> handles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          handles.add(client.submit(Services.request("sleep", "millis", 500, "n", i), null));
        }
        List<Message> replies = new ArrayList<>();
        for (AnalysisHandle h : handles) {
          replies.add(reply(h));
        }

        // Then
        assertThat(svc.service().analyses.get()).isEqualTo(2);
        assertThat(replies).filteredOn(r -> r instanceof AnalysisResult).hasSize(2);
        assertThat(replies).filteredOn(r -> ClientFailure.of(r).equals(java.util.Optional.of(ClientFailure.CIRCUIT_OPEN)))
            .hasSize(18);
        assertThat(breakerOf(client, url)).isEqualTo("closed");
      }
    }
  }

  @Test
  void aCancelledDedupCallerLeavesTheOthersWithTheirResult() throws Exception {
    // Given a cancelled dedup leader left the original's waiters hanging forever (defect 6)
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle leader = client.submit(Services.request("sleep", "millis", 800), null);
      AnalysisHandle follower1 = client.submit(Services.request("sleep", "millis", 800), null);
      AnalysisHandle follower2 = client.submit(Services.request("sleep", "millis", 800), null);
      assertThat(follower1.isDeduplicated()).isTrue();
      assertThat(client.stats().pendingRequests()).isEqualTo(2);

      // When
      leader.cancel();

      // Then
      assertThat(ClientFailure.of(reply(leader))).contains(ClientFailure.CANCELLED);
      AnalysisResult r1 = (AnalysisResult) reply(follower1);
      AnalysisResult r2 = (AnalysisResult) reply(follower2);
      assertThat(r1.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(r1.correlationId()).isEqualTo(follower1.id());
      assertThat(r2.correlationId()).isEqualTo(follower2.id());
      assertThat(svc.service().analyses.get()).isEqualTo(1);
    }
  }

  @Test
  void theRemoteAnalysisIsCancelledOnlyWhenEveryCallerHasCancelled() throws Exception {
    Path pidFile = root.resolve("dedup.pids");
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle a = client.submit(Services.request("tree", "pid_file", pidFile.toString()), null);
      AnalysisHandle b = client.submit(Services.request("tree", "pid_file", pidFile.toString()), null);
      await().atMost(Duration.ofSeconds(10)).until(() -> Pids.readPids(pidFile).size() == 3);
      List<Long> pids = Pids.readPids(pidFile);

      a.cancel();
      Thread.sleep(300);
      assertThat(pids).allSatisfy(pid -> assertThat(Pids.exists(pid)).as("still running for b").isTrue());

      b.cancel();
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
          assertThat(pids).allSatisfy(pid -> assertThat(Pids.exists(pid)).isFalse()));
    }
  }

  @Test
  void aFailedSharedAnalysisIsNotCached() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 50, Duration.ofSeconds(60), 3), svc.url()).build()) {
      reply(client.submit(Services.request("throw"), null));
      reply(client.submit(Services.request("throw"), null));

      assertThat(svc.service().analyses.get()).isEqualTo(2);
    }
  }

  @Test
  void withTwoReplicasAndOneStoppedNoRequestIsLost() throws Exception {
    String dead = "ws://127.0.0.1:" + freePort();
    try (Services.Running live = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(10, 3, Duration.ofSeconds(60), 3), dead, live.url())
            .build()) {
      List<AnalysisHandle> handles = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        handles.add(client.submit(Services.request("quick", "n", i), null));
      }
      for (AnalysisHandle h : handles) {
        assertThat(reply(h)).isInstanceOf(AnalysisResult.class);
      }
      assertThat(live.service().analyses.get()).isEqualTo(12);
    }
  }

  @Test
  void aReplicaKilledMidAnalysisFailsOverToTheOther() throws Exception {
    try (Services.Running a = Services.start(root); Services.Running b = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(10, 3, Duration.ofSeconds(60), 3), a.url(), b.url())
            .build()) {
      AnalysisHandle h = client.submit(Services.request("sleep", "millis", 1000), null);
      await().atMost(Duration.ofSeconds(5)).until(() -> a.service().analyses.get() + b.service().analyses.get() == 1);
      Services.Running first = a.service().analyses.get() == 1 ? a : b;

      first.server().shutdown(Duration.ZERO);

      assertThat(reply(h)).isInstanceOf(AnalysisResult.class);
    }
  }

  @Test
  void aHungServiceEndsInTimeoutAtTheDeadlineAndTheBreakerCountsIt() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 1, Duration.ofSeconds(60), 3), svc.url()).build()) {
      long t0 = System.nanoTime();

      Message r = reply(client.submit(Services.request("silent"), null, Duration.ofMillis(800)));

      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(ClientFailure.of(r)).contains(ClientFailure.TIMEOUT);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(800));
      assertThat(breakerOf(client, svc.url())).isEqualTo("open");
      await().atMost(Duration.ofSeconds(5)).until(() -> svc.server().analysesInFlight() == 0);
    }
  }

  @Test
  void waitingForAPermitIsBoundedAndEndsInPoolExhausted() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(new dev.analyzer.core.settings.ConnectionSettings(1,
            Duration.ofMillis(300), Duration.ofSeconds(300), 5, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle holder = client.submit(Services.request("sleep", "millis", 1500), null);
      svc.service().started.await(5, TimeUnit.SECONDS);

      Message r = reply(client.submit(Services.request("quick"), null));

      assertThat(ClientFailure.of(r)).contains(ClientFailure.POOL_EXHAUSTED);
      assertThat(r.extra().get("error").toString()).contains("ANALYZER_MAX_CONNECTIONS");
      assertThat(reply(holder)).isInstanceOf(AnalysisResult.class);
    }
  }

  @Test
  void pingAndHealthReusePooledConnectionsWhichCloseWhenIdle() throws Exception {
    AtomicLong ticker = new AtomicLong();
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), svc.url())
            .withTicker(ticker::get).build()) {
      for (int i = 0; i < 3; i++) {
        assertThat(client.ping(AnalysisKind.STATIC).get(5, TimeUnit.SECONDS)).isInstanceOf(Pong.class);
        assertThat(client.health(AnalysisKind.STATIC).get(5, TimeUnit.SECONDS)).isInstanceOf(HealthResponse.class);
      }
      assertThat(svc.metrics().total()).isEqualTo(1);
      assertThat(client.stats().pooledConnections()).isEqualTo(1);

      ticker.addAndGet(Duration.ofSeconds(299).toNanos());
      assertThat(client.closeIdleConnections()).isZero();
      ticker.addAndGet(Duration.ofSeconds(2).toNanos());
      assertThat(client.closeIdleConnections()).isEqualTo(1);

      assertThat(client.stats().pooledConnections()).isZero();
      await().atMost(Duration.ofSeconds(2)).until(() -> svc.metrics().open() == 0);
    }
  }

  @Test
  void anUnreachableServiceIsAReplyNotAnException() throws Exception {
    String dead = "ws://127.0.0.1:" + freePort();
    try (AnalyzerClient client = Services.client(Services.connection(5, 5, Duration.ofSeconds(60), 3), dead).build()) {
      Message r = reply(client.submit(Services.request("quick"), null));

      assertThat(ClientFailure.of(r)).contains(ClientFailure.UNREACHABLE);
      assertThat(r.extra().get("error").toString()).contains(dead);
      assertThat(client.ping(AnalysisKind.STATIC).get(5, TimeUnit.SECONDS)).satisfies(m ->
          assertThat(ClientFailure.of(m)).contains(ClientFailure.UNREACHABLE));
    }
  }
}
