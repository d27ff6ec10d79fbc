package dev.analyzer.client.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncPermitsTest {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void grantsUpToMaxThenQueuesFirstComeFirstServed() throws Exception {
    AsyncPermits p = new AsyncPermits(2);
    assertThat(p.acquire(Duration.ofSeconds(5), timer)).isDone();
    assertThat(p.acquire(Duration.ofSeconds(5), timer)).isDone();
    CompletableFuture<Void> third = p.acquire(Duration.ofSeconds(5), timer);
    CompletableFuture<Void> fourth = p.acquire(Duration.ofSeconds(5), timer);

    assertThat(third).isNotDone();
    assertThat(p.inUse()).isEqualTo(2);
    assertThat(p.waiting()).isEqualTo(2);

    p.release();
    assertThat(third).isDone();
    assertThat(fourth).isNotDone();
    p.release();
    assertThat(fourth).isDone();
    assertThat(p.inUse()).isEqualTo(2);
  }

  @Test
  void waitingIsBoundedAndNamesTheSetting() {
    AsyncPermits p = new AsyncPermits(1);
    p.tryAcquire();

    CompletableFuture<Void> waiter = p.acquire(Duration.ofMillis(50), timer);

    assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(PoolExhaustedException.class).hasMessageContaining("ANALYZER_CONNECTION_TIMEOUT");
    assertThat(p.waiting()).isZero();
  }

  @Test
  void aReleaseSkipsWaitersThatAlreadyTimedOut() throws Exception {
    AsyncPermits p = new AsyncPermits(1);
    p.tryAcquire();
    CompletableFuture<Void> late = p.acquire(Duration.ofMillis(10), timer);
    Thread.sleep(100);
    CompletableFuture<Void> next = p.acquire(Duration.ofSeconds(5), timer);

    p.release();

    assertThat(late).isCompletedExceptionally();
    assertThat(next).isDone();
    p.release();
    assertThat(p.inUse()).isZero();
    assertThat(p.tryAcquire()).isTrue();
  }
}
