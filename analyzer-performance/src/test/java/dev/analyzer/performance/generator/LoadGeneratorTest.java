package dev.analyzer.performance.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.performance.testing.TestHttpServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in generator against a real loopback server: counts, classes of errors, scenarios, rate, cancel. */
class LoadGeneratorTest {

  private static TestHttpServer server;
  private static ResolvedTarget target;

  @BeforeAll
  static void start() throws Exception {
    server = TestHttpServer.start();
    target = TargetPolicy.loopbackOnly().check(Target.parse(server.url()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void closedModelKeepsEveryConnectionBusyAndCountsEveryAnswer() throws Exception {
    // Given two weighted scenarios, one with a chunked body
    LoadPlan plan = LoadPlan.closed(4, Duration.ofMillis(1500)).withWarmup(Duration.ofMillis(300))
        .withScenario(Scenario.get("/closed-a").withWeight(3)).withScenario(Scenario.get("/chunked")).build();
    long before = server.totalHits();

    // When
    LoadResult r = LoadGenerator.run(target, plan);

    // Then
    assertThat(r.model()).isEqualTo(WorkloadModel.CLOSED);
    assertThat(r.requests()).isGreaterThan(100);
    assertThat(r.errors().total()).isZero();
    assertThat(r.errors().byStatus()).containsOnlyKeys(200);
    assertThat(server.totalHits() - before).isGreaterThanOrEqualTo(r.requests());
    assertThat(r.corrected()).isFalse();
    assertThat(r.latency()).isEqualTo(r.latencyUncorrected());
    assertThat(r.targetRate()).isNull();
    assertThat(r.bytesReceived()).isGreaterThan(1024 * r.scenarios().get(0).requests());
    ScenarioResult a = r.scenarios().get(0);
    ScenarioResult chunked = r.scenarios().get(1);
    assertThat((double) a.requests() / chunked.requests()).isBetween(2.8, 3.2);
    assertThat(r.series()).isNotEmpty();
    assertThat(r.bottleneck().verdict()).isIn("target", "generator", "machine");
  }

  @Test
  void openModelSendsExactlyTheScheduleAndReachesTheRate() throws Exception {
    LoadPlan plan = LoadPlan.open(400, Duration.ofSeconds(2)).withWarmup(Duration.ofMillis(500))
        .withConnections(8).withScenario(Scenario.get("/open")).build();
    long before = server.hits("/open");

    LoadResult r = LoadGenerator.run(target, plan);

    assertThat(r.targetRate()).isEqualTo(400.0);
    assertThat(r.requests()).isEqualTo(800);
    assertThat(r.achievedRate()).isBetween(396.0, 404.0);
    assertThat(r.dropped()).isZero();
    assertThat(server.hits("/open") - before).isEqualTo(800 + 200);
    assertThat(r.corrected()).isTrue();
    assertThat(r.latency().count()).isEqualTo(800);
    assertThat(r.latency().p50()).isGreaterThanOrEqualTo(r.latencyUncorrected().p50());
    assertThat(r.series()).hasSizeBetween(2, 3);
  }

  @Test
  void openModelKeepsTheScheduleWithTimersAloneAndWithBothSpins() throws Exception {
    for (Duration spin : new Duration[] {Duration.ZERO, Duration.ofMillis(10)}) {
      LoadPlan plan = LoadPlan.open(300, Duration.ofSeconds(1)).withWarmup(Duration.ofMillis(200)).withConnections(4)
          .withScheduleSpin(spin.isZero() ? Duration.ZERO : Duration.ofMillis(1)).withAnswerSpin(spin)
          .withScenario(Scenario.get("/spin")).build();

      LoadResult r = LoadGenerator.run(target, plan);

      assertThat(r.requests()).as("answer_spin %s", spin).isEqualTo(300);
      assertThat(r.errors().total()).isZero();
      assertThat(r.dropped()).isZero();
      assertThat(r.latency().count()).isEqualTo(300);
    }
  }

  @Test
  void thinkTimePausesEachConnectionBetweenAnswerAndNextRequest() throws Exception {
    LoadResult r = LoadGenerator.run(target, LoadPlan.closed(2, Duration.ofSeconds(1)).withWarmup(Duration.ZERO)
        .withThinkTime(Duration.ofMillis(100)).withScenario(Scenario.get("/think")).build());

    // two connections, each at most one request per 100 ms
    assertThat(r.requests()).isBetween(4L, 24L);
  }

  @Test
  void rampsSendTheIntegralOfTheirRate() throws Exception {
    LoadPlan plan = LoadPlan.ramp(List.of(new Stage(Duration.ofSeconds(1), 200), new Stage(Duration.ofSeconds(1),
        200))).withWarmup(Duration.ZERO).withConnections(8).withScenario(Scenario.get("/ramp")).build();

    LoadResult r = LoadGenerator.run(target, plan);

    // 0 -> 200/s over 1 s is 100 requests, then 200 in the second at 200/s
    assertThat(r.requests()).isEqualTo(300);
    assertThat(r.targetRate()).isEqualTo(150.0);
    assertThat(r.series().get(0).rate()).isLessThan(r.series().get(1).rate());
  }

  @Test
  void whenTheTargetCannotKeepUpTheOpenModelSaysSoInsteadOfSlowingDown() throws Exception {
    try (TestHttpServer frozen = TestHttpServer.start().freezing(900, 1000)) {
      ResolvedTarget t = TargetPolicy.loopbackOnly().check(Target.parse(frozen.url()));
      LoadResult r = LoadGenerator.run(t, LoadPlan.open(200, Duration.ofSeconds(2)).withWarmup(Duration.ZERO)
          .withConnections(2).withRequestTimeout(Duration.ofMillis(300)).build());

      assertThat(r.dropped()).isPositive();
      assertThat(r.late()).isPositive();
      assertThat(r.targetRate()).isEqualTo(200.0);
      assertThat(r.achievedRate()).isLessThan(200.0);
      assertThat(r.bottleneck().verdict()).isIn("target", "machine");
    }
  }

  @Test
  void statusesTheScenarioDoesNotExpectAreNon2xxErrorsByStatus() throws Exception {
    LoadPlan plan = LoadPlan.closed(2, Duration.ofMillis(800)).withWarmup(Duration.ZERO)
        .withScenario(Scenario.get("/status/503"))
        .withScenario(new Scenario("missing", "GET", "/status/404", Map.of("X-Test", "1"), null, 404, 1)).build();

    LoadResult r = LoadGenerator.run(target, plan);

    assertThat(r.errors().non2xx()).isEqualTo(r.scenarios().get(0).requests()).isPositive();
    assertThat(r.scenarios().get(1).errors()).isZero();
    assertThat(r.errors().byStatus()).containsOnlyKeys(503, 404);
    assertThat(r.errorRate()).isBetween(0.4, 0.6);
  }

  @Test
  void aTargetThatRefusesConnectionsCountsConnectErrors() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ResolvedTarget closed = TargetPolicy.loopbackOnly().check(Target.parse("http://127.0.0.1:" + port));

    LoadResult r = LoadGenerator.run(closed, LoadPlan.closed(2, Duration.ofMillis(500)).withWarmup(Duration.ZERO)
        .build());

    assertThat(r.errors().connect()).isPositive();
    assertThat(r.errors().byStatus()).isEmpty();
  }

  @Test
  void answersSlowerThanTheTimeoutAreTimeouts() throws Exception {
    try (TestHttpServer frozen = TestHttpServer.start().freezing(700, 800)) {
      ResolvedTarget t = TargetPolicy.loopbackOnly().check(Target.parse(frozen.url()));
      LoadResult r = LoadGenerator.run(t, LoadPlan.closed(2, Duration.ofMillis(1600)).withWarmup(Duration.ZERO)
          .withRequestTimeout(Duration.ofMillis(200)).build());

      assertThat(r.errors().timeout()).isPositive();
    }
  }

  @Test
  void cancelStopsTheLoadWithinASecondAndStillReports() throws Exception {
    List<LoadProgress> progress = new CopyOnWriteArrayList<>();
    LoadRun run = LoadGenerator.start(target, LoadPlan.closed(4, Duration.ofSeconds(60))
        .withWarmup(Duration.ZERO).build(), progress::add);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !progress.isEmpty());

    long asked = System.nanoTime();
    run.cancel();
    LoadResult r = run.await(Duration.ofSeconds(5));
    long hitsAfter = server.totalHits();

    assertThat((System.nanoTime() - asked) / 1e9).isLessThan(1.0);
    assertThat(r.cancelled()).isTrue();
    assertThat(r.requests()).isPositive();
    assertThat(progress.get(0).rate()).isPositive();
    org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> server.totalHits() == hitsAfter);
  }
}
