package dev.analyzer.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.breaker.ReplicaBreaker;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.client.testing.FakeResolver;
import dev.analyzer.core.protocol.AnalysisKind;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ReplicaRefresher} on an injected scheduler. */
class ReplicaRefresherTest {

  private final FakeResolver dns = new FakeResolver();
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private ReplicaDirectory directory(String staticUrl) {
    Map<AnalysisKind, List<URI>> urls = new EnumMap<>(AnalysisKind.class);
    for (AnalysisKind k : AnalysisKind.values()) {
      urls.put(k, List.of(URI.create("ws://127.0.0.1:" + k.defaultPort())));
    }
    urls.put(AnalysisKind.STATIC, List.of(URI.create(staticUrl)));
    return new ReplicaDirectory(urls, dns, e -> new Replica(e, new ReplicaBreaker(e.toString(), 5,
        Duration.ofSeconds(60), 3, System::nanoTime)), r -> { });
  }

  @Test
  void theRefreshRunsOnePeriodAfterTheFirstResolutionAndEveryPeriodAfter() {
    dns.set("pods", "10.0.0.1", "10.0.0.2");
    ReplicaDirectory d = directory("ws://pods:2001");

    ScheduledFuture<?> task = ReplicaRefresher.schedule(d, Duration.ofSeconds(30), scheduler);

    assertThat(((java.util.concurrent.RunnableScheduledFuture<?>) task).isPeriodic()).isTrue();
    assertThat(task.getDelay(TimeUnit.MILLISECONDS)).isBetween(29_000L, 30_000L);
    assertThat(scheduler.getQueue()).hasSize(1);
  }

  @Test
  void eachRunAppliesWhatTheNameResolvesToNow() {
    dns.set("pods", "10.0.0.1", "10.0.0.2");
    ReplicaDirectory d = directory("ws://pods:2001");

    ReplicaRefresher.schedule(d, Duration.ofMillis(10), scheduler);
    dns.set("pods", "10.0.0.2", "10.0.0.3", "10.0.0.4");

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(d.active(AnalysisKind.STATIC))
        .extracting(r -> r.endpoint().url().toString())
        .containsExactly("ws://10.0.0.2:2001", "ws://10.0.0.3:2001", "ws://10.0.0.4:2001"));
    dns.fail("pods");
    int lookups = dns.lookups();
    await().atMost(Duration.ofSeconds(5)).until(() -> dns.lookups() > lookups + 2);
    assertThat(d.active(AnalysisKind.STATIC)).as("failures keep the set, and the refresh goes on").hasSize(3);
  }

  @Test
  void nothingIsScheduledForLiteralIpsOnlyOrAZeroPeriod() {
    Object literalOnly = ReplicaRefresher.schedule(directory("ws://10.0.0.9:2001"), Duration.ofSeconds(30), scheduler);
    dns.set("pods", "10.0.0.1", "10.0.0.2");
    Object off = ReplicaRefresher.schedule(directory("ws://pods:2001"), Duration.ZERO, scheduler);

    assertThat(literalOnly).isNull();
    assertThat(off).isNull();
    assertThat(scheduler.getQueue()).isEmpty();
  }
}
