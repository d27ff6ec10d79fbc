package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.ClientStats;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.settings.ConnectionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Issue 12 point 12, each interleaving run many times with random small delays against a real
 * in-process service: no cancel is lost, and waiting for the pool is not a replica failure. That
 * the idle sweep never closes a connection just borrowed is {@code pool.IdleSweepRaceTest}, which
 * drives the pool directly (here each swept round cost a reconnect through the client: ~10 s).
 */
class NoLostCancelTest {

  private static final int ROUNDS = 1000;

  @TempDir
  Path root;

  private final ExecutorService other = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    other.shutdownNow();
  }

  private static void pause(int maxMicros) {
    int micros = ThreadLocalRandom.current().nextInt(maxMicros + 1);
    if (micros > 0) {
      LockSupport.parkNanos(micros * 1000L);
    }
  }

  @Test
  void cancelByIdFromAnotherThreadAtAnyMomentCancelsTheAnalysis() throws Exception {
    // 500 rounds of two independent races run side by side (two submitters, two cancellers):
    // 1000 submit/cancel interleavings, each id cancelled from another thread
    ExecutorService cancellers = Executors.newFixedThreadPool(2);
    try (Services.Running svc = Services.start(root, 1024, 0);
        AnalyzerClient client = Services.client(Services.connection(200, 1000, Duration.ofSeconds(60), 3), svc.url())
            .build()) {
      List<CompletableFuture<Message>> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int i = 0; i < ROUNDS / 2; i++) {
        int round = i;
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> race(client, cancellers, "cancel-b-" + round,
            round, replies), other);
        race(client, cancellers, "cancel-a-" + round, round, replies);
        second.get(5, TimeUnit.SECONDS);
      }
      // Then every analysis ended cancelled, the service saw every cancel, and nothing leaked
      assertThat(replies).hasSize(ROUNDS);
      for (CompletableFuture<Message> r : replies) {
        assertThat(ClientFailure.of(r.get(5, TimeUnit.SECONDS))).contains(ClientFailure.CANCELLED);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> svc.server().analysesInFlight() == 0);
      assertSettled(client);
    } finally {
      cancellers.shutdownNow();
    }
  }

  /**
   * Given an analysis that would run for minutes and another thread cancelling it by id, from
   * before submit (retrying until the id is known) or after a random delay.
   */
  private static void race(AnalyzerClient client, ExecutorService cancellers, String id, int round,
      List<CompletableFuture<Message>> replies) {
    boolean early = round % 2 == 0;
    CompletableFuture<Boolean> cancelled = CompletableFuture.supplyAsync(() -> {
      pause(early ? 20 : 300);
      while (!client.cancel(id)) {
        Thread.onSpinWait();
      }
      return true;
    }, cancellers);
    AnalysisHandle h = client.submit(Services.requestWithId(id, "sleep", "n", round), null);
    assertThat(cancelled.orTimeout(5, TimeUnit.SECONDS).join()).isTrue();
    replies.add(h.result());
  }

  @Test
  void closeAtAnyMomentCancelsEveryAnalysisSubmittedBeforeIt() throws Exception {
    // Three threads submit without pause while a fourth closes the client at a random moment: at the
    // close, submits are caught between register and attach, or between the closed check and
    // register. Whatever submit returned before close() returned must end cancelled.
    ExecutorService submitters = Executors.newFixedThreadPool(3);
    try (Services.Running svc = Services.start(root, 4096, 0)) {
      int cancelledByClose = 0;
      for (int round = 0; round < 10; round++) {
        AnalyzerClient client = Services.client(Services.connection(1000, 1000, Duration.ofSeconds(60), 3), svc.url())
            .withIoThreads(1).build();
        java.util.concurrent.atomic.AtomicBoolean closeReturned = new java.util.concurrent.atomic.AtomicBoolean();
        List<java.util.concurrent.Future<List<Submitted>>> loops = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          int thread = t;
          int r = round;
          loops.add(submitters.submit(() -> {
            List<Submitted> mine = new ArrayList<>();
            for (int i = 0; !closeReturned.get() || mine.isEmpty() || !mine.get(mine.size() - 1).startedAfterClose; i++) {
              boolean startedAfter = closeReturned.get();
              AnalysisHandle h = client.submit(Services.request("sleep", "r", r, "t", thread, "n", i), null);
              mine.add(new Submitted(h, startedAfter, !closeReturned.get()));
              pause(50);
            }
            return mine;
          }));
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextInt(2000, 20000)));
        client.close();
        closeReturned.set(true);
        for (java.util.concurrent.Future<List<Submitted>> loop : loops) {
          for (Submitted s : loop.get(10, TimeUnit.SECONDS)) {
            Message m = s.handle.result().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            assertThat(m).as("round %d, %s (returned before close() returned: %s): a reply", round, s.handle.id(),
                s.returnedBeforeClose).isNotNull();
            if (s.returnedBeforeClose) {
              // cancelled (a cancel_request, never a dropped connection), or refused up front by a
              // submit that saw close() begin: nothing was sent
              boolean refused = ClientFailure.of(m).equals(java.util.Optional.of(ClientFailure.ERROR))
                  && "the client is closed".equals(m.extra().get("error"));
              if (!refused) {
                assertThat(ClientFailure.of(m)).as("round %d, %s: returned before close() returned: %s", round,
                    s.handle.id(), m.extra()).contains(ClientFailure.CANCELLED);
                cancelledByClose++;
              }
            } else if (s.startedAfterClose) {
              assertThat(m.extra().get("error")).as("submitted after close").isEqualTo("the client is closed");
            } else {
              assertThat(ClientFailure.of(m)).as("submitted during close").isPresent();
            }
          }
        }
        ClientStats stats = client.stats();
        assertThat(stats.activeTasks()).isZero();
        assertThat(stats.replicas()).allSatisfy(rep -> {
          assertThat(rep.failures()).as("a cancel, not a dropped connection, ended each analysis").isZero();
          assertThat(rep.inFlight()).isZero();
        });
      }
      assertThat(cancelledByClose).as("analyses in flight that a close cancelled").isPositive();
      await().atMost(Duration.ofSeconds(10)).until(() -> svc.server().analysesInFlight() == 0);
    } finally {
      submitters.shutdownNow();
    }
  }

  private record Submitted(AnalysisHandle handle, boolean startedAfterClose, boolean returnedBeforeClose) {}

  @Test
  void aPingThatWaitedForThePoolAndTimedOutIsNotAReplicaFailure() throws Exception {
    // Given a pool of one connection held by a long analysis, a pool wait of 10 s
    // (ANALYZER_CONNECTION_TIMEOUT) and ping/health deadlines of 300 ms: each deadline passes while
    // its exchange still waits for a permit, long before the pool's own wait timer could fire
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(new ConnectionSettings(1, Duration.ofSeconds(10),
            Duration.ofSeconds(300), 1, Duration.ofSeconds(60), 3), svc.url()).build()) {
      AnalysisHandle holder = client.submit(Services.request("sleep"), null);
      assertThat(svc.service().started.await(5, TimeUnit.SECONDS)).isTrue();

      // When pings and health checks wait for the pool past their deadline
      long t0 = System.nanoTime();
      List<Message> replies = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        replies.add(client.ping(AnalysisKind.STATIC, Duration.ofMillis(300)).get(5, TimeUnit.SECONDS));
        replies.add(client.health(AnalysisKind.STATIC, Duration.ofMillis(300)).get(5, TimeUnit.SECONDS));
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

      // Then each ends at its own deadline as pool_exhausted, naming the bound
      assertThat(replies).allSatisfy(m -> {
        assertThat(ClientFailure.of(m)).as("%s", m.extra()).contains(ClientFailure.POOL_EXHAUSTED);
        assertThat(m.extra().get("error").toString()).contains("within 300 ms").contains("ANALYZER_MAX_CONNECTIONS");
      });
      assertThat(millis).as("four 300 ms deadlines, not the 10 s pool wait").isBetween(1100L, 5000L);
      // and the replica is not charged: no failure, its breaker (threshold 1) still closed
      ClientStats.ReplicaStats r = replica(client, svc.url());
      assertThat(r.failures()).isZero();
      assertThat(r.breaker()).isEqualTo("closed");
      assertThat(client.stats().circuitBreakers().states()).allSatisfy(b -> {
        assertThat(b.state()).isEqualTo("closed");
        assertThat(b.staleOutcomes()).isZero();
      });
      // and a give-up frees its place in the pool's queue
      await().atMost(Duration.ofSeconds(2)).until(() -> client.stats().waitingForConnection() == 0);

      // and once the analysis ends, the permit serves a ping at once
      holder.cancel();
      assertThat(client.ping(AnalysisKind.STATIC).get(5, TimeUnit.SECONDS)).isInstanceOf(Pong.class);
      assertThat(replica(client, svc.url()).failures()).isZero();
    }
  }

  private static ClientStats.ReplicaStats replica(AnalyzerClient client, String url) {
    return client.stats().replicas().stream().filter(r -> r.url().equals(url)).findFirst().orElseThrow();
  }

  private static void assertSettled(AnalyzerClient client) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      ClientStats s = client.stats();
      assertThat(s.activeTasks()).isZero();
      assertThat(s.activeConnections()).isZero();
      assertThat(s.waitingForConnection()).isZero();
      assertThat(s.armedTimers()).as("only the idle sweep").isLessThanOrEqualTo(1);
      assertThat(s.replicas()).allSatisfy(r -> assertThat(r.inFlight()).isZero());
    });
  }
}
