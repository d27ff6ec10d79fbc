package dev.analyzer.client.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 point 10 under contention: many threads acquire and record permits while the breaker
 * goes open, half-open (the transition itself happens inside the racing acquires) and closed or
 * open again, with outcomes of requests admitted while closed arriving in between. Time is a fake
 * ticker. Every half-open period admits at most {@code HALF_OPEN_CALLS} probes, and the breaker
 * closes only when that period's probes all succeeded.
 */
class ReplicaBreakerStressTest {

  private static final int ITERATIONS = 1200;
  private static final int THREADS = 4;
  private static final int ATTEMPTS_PER_THREAD = 8;
  private static final int THRESHOLD = 2;
  private static final int HALF_OPEN_CALLS = 3;
  private static final int HELD_WHILE_CLOSED = 3;
  private static final Duration DELAY = Duration.ofSeconds(60);

  private final ExecutorService workers = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  /** What the test saw of one half-open epoch's probes. */
  private record Outcome(BreakerPermit permit, boolean success) {}

  @Test
  void everyHalfOpenPeriodAdmitsAtMostTheConfiguredProbesAndClosesOnlyOnTheirSuccesses() throws Exception {
    AtomicLong now = new AtomicLong();
    ReplicaBreaker b = new ReplicaBreaker("ws://test", THRESHOLD, DELAY, HALF_OPEN_CALLS, now::get);
    long totalProbes = 0;
    int closes = 0;
    int reopens = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      // Given requests admitted while closed, still in flight, and the breaker opened by others
      List<BreakerPermit> held = new ArrayList<>();
      if (b.state() == ReplicaBreaker.State.CLOSED) {
        for (int h = 0; h < HELD_WHILE_CLOSED; h++) {
          held.add(b.tryAcquire().orElseThrow());
        }
        for (int f = 0; f < THRESHOLD; f++) {
          b.tryAcquire().orElseThrow().failure();
        }
      }
      assertThat(b.state()).isEqualTo(ReplicaBreaker.State.OPEN);
      long openEpoch = b.epoch();
      // and the open period has passed: the next acquire, by any thread, moves it half-open
      now.addAndGet(DELAY.toNanos());

      // When threads race to acquire and record, and the held requests finish among them
      ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        List<BreakerPermit> mine = t == 0 ? held : List.of();
        done.add(workers.submit(() -> race(b, start, mine, outcomes)));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS);
      }

      // Then this half-open period admitted at most the configured probes
      long halfOpenEpoch = openEpoch + 1;
      Map<Long, List<Outcome>> probesByEpoch = new HashMap<>();
      List<Outcome> ordinary = new ArrayList<>();
      for (Outcome o : outcomes) {
        if (o.permit().isProbe()) {
          probesByEpoch.computeIfAbsent(o.permit().epoch(), e -> new ArrayList<>()).add(o);
        } else {
          ordinary.add(o);
        }
      }
      assertThat(probesByEpoch.keySet()).as("iteration %d: probes of one half-open epoch", i)
          .containsExactly(halfOpenEpoch);
      List<Outcome> probes = probesByEpoch.get(halfOpenEpoch);
      assertThat(probes).as("iteration %d: probes admitted", i).hasSizeBetween(1, HALF_OPEN_CALLS);
      totalProbes += probes.size();
      // and it closed exactly when all of them succeeded, otherwise it opened again
      boolean allSucceeded = probes.stream().allMatch(Outcome::success);
      assertThat(b.epoch()).as("iteration %d: one state change after half-open", i).isEqualTo(halfOpenEpoch + 1);
      assertThat(b.state()).as("iteration %d: probes %s", i, probes.stream().map(Outcome::success).toList())
          .isEqualTo(allSucceeded ? ReplicaBreaker.State.CLOSED : ReplicaBreaker.State.OPEN);
      if (allSucceeded) {
        assertThat(probes).as("iteration %d: closed on every probe's success", i).hasSize(HALF_OPEN_CALLS);
      }
      assertThat(ordinary).as("iteration %d: ordinary permits only once closed again", i)
          .allMatch(o -> allSucceeded && o.permit().epoch() == halfOpenEpoch + 1);
      if (allSucceeded) {
        closes++;
      } else {
        reopens++;
      }
    }
    assertThat(b.probesAdmitted()).isEqualTo(totalProbes);
    assertThat(closes).as("both endings were exercised").isGreaterThan(ITERATIONS / 10);
    assertThat(reopens).as("both endings were exercised").isGreaterThan(ITERATIONS / 10);
  }

  private static void race(ReplicaBreaker b, CountDownLatch start, List<BreakerPermit> held,
      ConcurrentLinkedQueue<Outcome> outcomes) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    awaitQuietly(start);
    List<BreakerPermit> stale = new ArrayList<>(held);
    for (int a = 0; a < ATTEMPTS_PER_THREAD; a++) {
      pause(rnd);
      if (!stale.isEmpty() && rnd.nextBoolean()) {
        stale.remove(stale.size() - 1).success();
      }
      Optional<BreakerPermit> permit = b.tryAcquire();
      if (permit.isPresent()) {
        pause(rnd);
        // once closed again, ordinary requests succeed, so the breaker stays in the state the probes left
        boolean success = !permit.get().isProbe() || rnd.nextInt(100) < 85;
        outcomes.add(new Outcome(permit.get(), success));
        if (success) {
          permit.get().success();
        } else {
          permit.get().failure();
        }
      }
    }
    stale.forEach(BreakerPermit::success);
  }

  /** A random small delay: none, a yield, a short spin or a park of up to 20 µs. */
  private static void pause(ThreadLocalRandom rnd) {
    switch (rnd.nextInt(4)) {
      case 0:
        break;
      case 1:
        Thread.yield();
        break;
      case 2:
        for (int s = rnd.nextInt(2000); s > 0; s--) {
          Thread.onSpinWait();
        }
        break;
      default:
        LockSupport.parkNanos(rnd.nextLong(20_000));
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
