package dev.analyzer.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

  final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void rateIsPacedNotRefused() throws Exception {
    RequestBudget b = RequestBudget.builder().withMaxRate(10).withNanoTime(now::get).build();
    assertThat(b.acquire()).isZero();
    assertThat(b.acquire()).isEqualTo(100_000_000L);
    assertThat(b.acquire()).isEqualTo(200_000_000L);
    now.addAndGet(1_000_000_000L);
    assertThat(b.acquire()).isZero();
    assertThat(b.snapshot().requestsSent()).isEqualTo(4);
    assertThat(b.snapshot().budgetExhausted()).isFalse();
  }

  @Test
  void aReservationTakesWhatIsLeftAndCountsItAsSent() throws Exception {
    RequestBudget b = RequestBudget.builder().withMaxRequests(100).withNanoTime(now::get).build();
    b.acquire();

    assertThat(b.remainingRequests()).isEqualTo(99);
    assertThat(b.reserve(30)).isEqualTo(30);
    assertThat(b.remainingRequests()).isEqualTo(69);
    assertThat(b.reserve(500)).isEqualTo(69);
    assertThat(b.reserve(1)).isZero();
    assertThat(b.snapshot().requestsSent()).isEqualTo(100);
    assertThatThrownBy(b::acquire).isInstanceOf(HttpFailure.class).hasMessageContaining("max requests 100");
  }

  @Test
  void nothingIsReservedOnceTheDurationHasPassed() {
    RequestBudget b = RequestBudget.builder().withMaxDuration(Duration.ofSeconds(1)).withNanoTime(now::get).build();
    now.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(b.reserve(10)).isZero();
    assertThat(b.reserve(-5)).isZero();
  }

  @Test
  void durationEndsTheBudget() throws Exception {
    RequestBudget b = RequestBudget.builder().withMaxDuration(Duration.ofSeconds(2)).withNanoTime(now::get).build();
    b.acquire();
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(b.snapshot().budgetExhausted()).isTrue();
    assertThatThrownBy(b::acquire).isInstanceOfSatisfying(HttpFailure.class,
        e -> assertThat(e.kind()).isEqualTo(HttpFailure.Kind.BUDGET_EXHAUSTED)).hasMessageContaining("max duration");
    assertThat(b.snapshot().exhaustedBy()).startsWith("max duration");
    assertThat(b.snapshot().toMap()).containsExactly(java.util.Map.entry("requests_sent", 1L),
        java.util.Map.entry("bytes_received", 0L), java.util.Map.entry("budget_exhausted", true));
    assertThat(b.snapshot().requestsSent()).isEqualTo(1);
  }

  @Test
  void requestsAndBytes() throws Exception {
    RequestBudget b = RequestBudget.builder().withMaxRequests(2).withMaxBytes(100).withNanoTime(now::get).build();
    b.acquire();
    b.recordBytes(100);
    assertThatThrownBy(b::acquire).hasMessageContaining("max bytes 100");
    RequestBudget r = RequestBudget.builder().withMaxRequests(2).build();
    r.acquire();
    r.acquire();
    assertThatThrownBy(r::acquire).hasMessageContaining("max requests 2").hasMessageContaining("after 2 requests");
  }

  @Test
  void limitsAreValidatedNamingTheKnob() {
    assertThatThrownBy(() -> RequestBudget.builder().withMaxRequests(0)).hasMessageContaining("maxRequests");
    assertThatThrownBy(() -> RequestBudget.builder().withMaxBytes(-1)).hasMessageContaining("maxBytes");
    assertThatThrownBy(() -> RequestBudget.builder().withMaxRate(-1)).hasMessageContaining("maxRate");
    assertThatThrownBy(() -> RequestBudget.builder().withMaxDuration(Duration.ZERO)).hasMessageContaining("maxDuration");
  }
}
