package dev.analyzer.client.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker state machine (seed tests 1-5), with tiny delays instead of long sleeps. */
class ReplicaBreakerTest {

  private static ReplicaBreaker breaker(int threshold, long delayMillis, int halfOpen) {
    return new ReplicaBreaker("ws://test", threshold, Duration.ofMillis(delayMillis), halfOpen);
  }

  @Test
  void startsClosed() {
    assertThat(breaker(3, 50, 2).state()).isEqualTo(ReplicaBreaker.State.CLOSED);
  }

  @Test
  void opensAfterThresholdConsecutiveFailuresAndRefuses() {
    ReplicaBreaker b = breaker(3, 60_000, 2);
    for (int i = 0; i < 3; i++) {
      b.tryAcquire().orElseThrow().failure();
    }

    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.OPEN);
    assertThat(b.tryAcquire()).isEmpty();
    assertThat(b.mayAllow()).isFalse();
  }

  @Test
  void aSuccessResetsTheConsecutiveCount() {
    ReplicaBreaker b = breaker(3, 60_000, 2);
    b.tryAcquire().orElseThrow().failure();
    b.tryAcquire().orElseThrow().failure();
    b.tryAcquire().orElseThrow().success();
    b.tryAcquire().orElseThrow().failure();
    b.tryAcquire().orElseThrow().failure();

    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.CLOSED);
  }

  @Test
  void halfOpensAfterTheDelayAndAdmitsOnlyTheConfiguredProbes() {
    ReplicaBreaker b = breaker(1, 50, 2);
    b.tryAcquire().orElseThrow().failure();

    await().atMost(Duration.ofSeconds(2)).until(() -> b.state() == ReplicaBreaker.State.HALF_OPEN);
    List<BreakerPermit> probes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      b.tryAcquire().ifPresent(probes::add);
    }

    assertThat(probes).hasSize(2);
  }

  @Test
  void closesAfterTheHalfOpenSuccesses() {
    ReplicaBreaker b = breaker(1, 50, 2);
    b.tryAcquire().orElseThrow().failure();
    await().atMost(Duration.ofSeconds(2)).until(() -> b.state() == ReplicaBreaker.State.HALF_OPEN);

    b.tryAcquire().orElseThrow().success();
    b.tryAcquire().orElseThrow().success();

    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.CLOSED);
  }

  @Test
  void aFailureWhileHalfOpenReopens() {
    ReplicaBreaker b = breaker(1, 50, 2);
    b.tryAcquire().orElseThrow().failure();
    await().atMost(Duration.ofSeconds(2)).until(() -> b.state() == ReplicaBreaker.State.HALF_OPEN);

    b.tryAcquire().orElseThrow().failure();

    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.OPEN);
  }

  @Test
  void theInjectedTickerDecidesWhenTheOpenBreakerLetsProbesThrough() {
    AtomicLong now = new AtomicLong();
    ReplicaBreaker b = new ReplicaBreaker("ws://test", 1, Duration.ofSeconds(60), 2, now::get);
    b.tryAcquire().orElseThrow().failure();

    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.OPEN);
    assertThat(b.tryAcquire()).isEmpty();
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.HALF_OPEN);
    assertThat(b.tryAcquire()).isPresent();
  }

  @Test
  void outcomesOfRequestsAdmittedBeforeTheBreakerOpenedAreNeverProbes() {
    // Given 20 requests admitted while closed, then other failures open the breaker
    AtomicLong now = new AtomicLong();
    ReplicaBreaker b = new ReplicaBreaker("ws://test", 2, Duration.ofSeconds(60), 3, now::get);
    List<BreakerPermit> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      slow.add(b.tryAcquire().orElseThrow());
    }
    b.tryAcquire().orElseThrow().failure();
    b.tryAcquire().orElseThrow().failure();
    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.OPEN);
    now.addAndGet(Duration.ofSeconds(60).toNanos());
    BreakerPermit probe = b.tryAcquire().orElseThrow();

    // When the 20 old requests succeed while half-open
    slow.forEach(BreakerPermit::success);

    // Then they neither close the breaker nor free probe permits
    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.HALF_OPEN);
    assertThat(b.staleOutcomes()).isEqualTo(20);
    List<BreakerPermit> more = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      b.tryAcquire().ifPresent(more::add);
    }
    assertThat(more).hasSize(2);
    assertThat(b.probesAdmitted()).isEqualTo(3);
    more.forEach(BreakerPermit::success);
    assertThat(b.state()).as("two of three probe successes").isEqualTo(ReplicaBreaker.State.HALF_OPEN);
    probe.success();
    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.CLOSED);
  }

  @Test
  void aRecordedProbeDoesNotFreeAPermitForAnotherProbeInTheSameHalfOpenPeriod() {
    // Given a half-open breaker with three probe permits, one probe still running
    AtomicLong now = new AtomicLong();
    ReplicaBreaker b = new ReplicaBreaker("ws://test", 1, Duration.ofSeconds(60), 3, now::get);
    b.tryAcquire().orElseThrow().failure();
    now.addAndGet(Duration.ofSeconds(60).toNanos());
    BreakerPermit running = b.tryAcquire().orElseThrow();

    // When the other two probes are admitted and succeed one after the other
    b.tryAcquire().orElseThrow().success();
    b.tryAcquire().orElseThrow().success();

    // Then no fourth caller gets in (Failsafe's half-open state releases a permit on every record)
    assertThat(b.tryAcquire()).isEmpty();
    assertThat(b.probesAdmitted()).isEqualTo(3);
    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.HALF_OPEN);
    assertThat(running.isProbe()).isTrue();
    running.success();
    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.CLOSED);
  }

  @Test
  void aStaleOutcomeAfterTheBreakerClosedAgainIsAnOrdinaryOutcome() {
    AtomicLong now = new AtomicLong();
    ReplicaBreaker b = new ReplicaBreaker("ws://test", 1, Duration.ofSeconds(1), 1, now::get);
    BreakerPermit old = b.tryAcquire().orElseThrow();
    b.tryAcquire().orElseThrow().failure();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    b.tryAcquire().orElseThrow().success();
    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.CLOSED);

    old.failure();

    assertThat(b.state()).as("a failure counts while closed, whenever it was admitted").isEqualTo(ReplicaBreaker.State.OPEN);
  }

  @Test
  void aPermitIsRecordedOnlyOnce() {
    ReplicaBreaker b = breaker(1, 50, 1);
    b.tryAcquire().orElseThrow().failure();
    await().atMost(Duration.ofSeconds(2)).until(() -> b.state() == ReplicaBreaker.State.HALF_OPEN);
    Optional<BreakerPermit> probe = b.tryAcquire();

    probe.orElseThrow().success();
    probe.orElseThrow().failure();

    assertThat(b.state()).isEqualTo(ReplicaBreaker.State.CLOSED);
    assertThat(probe.get().isSettled()).isTrue();
  }
}
