package dev.analyzer.performance.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.performance.testing.TestHttpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coordinated omission on a target that stops the world: the whole server (one thread) freezes for
 * a quarter of every period (1 s every 4 s in the issue, scaled to 400 ms every 1.6 s to keep the
 * test short). Asserts relations between the figures, not absolute timings.
 */
class CoordinatedOmissionTest {

  private static final long FREEZE_MS = 400;
  private static final long PERIOD_MS = 1600;

  @Test
  void theOpenModelReportsTheFreezeInTheCorrectedTailWhileTheUncorrectedTailHidesIt() throws Exception {
    try (TestHttpServer server = TestHttpServer.start().freezing(FREEZE_MS, PERIOD_MS)) {
      ResolvedTarget t = TargetPolicy.loopbackOnly().check(Target.parse(server.url()));
      // Given an arrival rate of 500/s on few connections, so a freeze stalls at most 4 requests in flight
      LoadPlan plan = LoadPlan.open(500, Duration.ofMillis(PERIOD_MS * 3)).withWarmup(Duration.ofMillis(200))
          .withConnections(4).build();

      // When
      LoadResult r = LoadGenerator.run(t, plan);

      // Then: a quarter of the requests were due during a freeze and waited up to its length
      assertThat(server.freezes()).isGreaterThanOrEqualTo(2);
      assertThat(r.corrected()).isTrue();
      assertThat(r.latency().p99()).as("corrected p99 (ms)").isGreaterThan(FREEZE_MS * 0.5);
      assertThat(r.latencyUncorrected().p99()).as("uncorrected p99 (ms)")
          .isLessThan(r.latency().p99() / 4);
      assertThat(r.latency().p90()).isGreaterThan(r.latencyUncorrected().p90());
      // the requests that could not leave during a freeze left late, and the result says so
      assertThat(r.late()).isGreaterThan(r.requests() / 10);
      assertThat(r.scheduleLag().max()).isGreaterThan(FREEZE_MS * 0.5);
    }
  }

  @Test
  void theClosedModelSaysItsFiguresAreUncorrected() throws Exception {
    try (TestHttpServer server = TestHttpServer.start().freezing(FREEZE_MS, PERIOD_MS)) {
      ResolvedTarget t = TargetPolicy.loopbackOnly().check(Target.parse(server.url()));

      LoadResult r = LoadGenerator.run(t, LoadPlan.closed(4, Duration.ofMillis(PERIOD_MS * 2))
          .withWarmup(Duration.ofMillis(200)).build());

      assertThat(r.corrected()).isFalse();
      assertThat(r.latency()).isEqualTo(r.latencyUncorrected());
      @SuppressWarnings("unchecked")
      Map<String, Object> co = (Map<String, Object>) r.toMap().get("coordinated_omission");
      assertThat(co).containsEntry("corrected", false);
      assertThat((String) co.get("note")).contains("uncorrected").contains("open model");
    }
  }
}
