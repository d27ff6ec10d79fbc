package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientStats;
import dev.analyzer.client.testing.FreezableProxy;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ANALYZER_CLIENT_PING_INTERVAL: a replica whose network path goes silent without closing (a TCP
 * proxy that freezes) is noticed by the missing pong, and the analysis fails over to the healthy
 * replica well before its deadline; a quiet but healthy replica answers the pings and keeps its
 * analysis.
 */
class LivenessTest {

  private static final Duration PING = Duration.ofMillis(200);

  @TempDir
  Path root;

  @Test
  void aFrozenReplicaIsDroppedByThePingAndTheAnalysisCompletesOnTheOther() throws Exception {
    try (Services.Running a = Services.start(root); Services.Running b = Services.start(root);
        FreezableProxy pa = new FreezableProxy(a.server().port()); FreezableProxy pb = new FreezableProxy(b.server().port());
        AnalyzerClient client = Services.client(Services.connection(10, 5, Duration.ofSeconds(60), 3), pa.url(), pb.url())
            .withPingInterval(PING).build()) {
      // Given an analysis running on one of two replicas
      long t0 = System.nanoTime();
      AnalysisHandle h = client.submit(Services.request("sleep", "millis", 1000), null, Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(5)).until(() -> a.service().analyses.get() + b.service().analyses.get() == 1);
      boolean onA = a.service().analyses.get() == 1;
      FreezableProxy frozen = onA ? pa : pb;
      Services.Running healthy = onA ? b : a;

      // When its network path freezes (nothing closes)
      frozen.freeze();

      // Then the missing pong drops it and the analysis completes on the other replica, long before 30 s
      Message reply = h.result().get(8, TimeUnit.SECONDS);
      assertThat(reply).isInstanceOf(AnalysisResult.class);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
      assertThat(healthy.service().analyses.get()).isEqualTo(1);
      ClientStats.ReplicaStats frozenStats = client.stats().replicas().stream()
          .filter(r -> r.url().equals(frozen.url())).findFirst().orElseThrow();
      assertThat(frozenStats.failures()).as("the frozen replica's failure is counted").isEqualTo(1);
    }
  }

  @Test
  void aQuietHealthyReplicaAnswersThePingsAndKeepsItsAnalysis() throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = Services.client(Services.connection(10, 5, Duration.ofSeconds(60), 3), svc.url())
            .withPingInterval(Duration.ofMillis(100)).build()) {
      // "silent" sends no progress: only the pongs keep the connection alive for 1.2 s
      Message reply = client.submit(Services.request("silent", "millis", 1200), null).result().get(10, TimeUnit.SECONDS);

      assertThat(reply).isInstanceOf(AnalysisResult.class);
      assertThat(client.stats().replicas().stream().filter(r -> r.url().equals(svc.url())).findFirst().orElseThrow()
          .failures()).isZero();
      assertThat(svc.service().analyses.get()).isEqualTo(1);
    }
  }
}
