package dev.analyzer.ai.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseAndBackoffTest {

  @Test
  void eventsCommentsMultiLineDataAndTheLastEventWithoutBlankLine() {
    List<SseEvents.Event> got = new ArrayList<>();
    SseEvents sse = new SseEvents(got::add);
    for (String l : List.of(": OPENROUTER PROCESSING", "", "event: delta", "data: {\"a\":", "data:1}", "", "id: 7",
        "retry: 10", "data: [DONE]")) {
      sse.line(l);
    }
    sse.end();

    assertThat(got).containsExactly(new SseEvents.Event("delta", "{\"a\":\n1}"), new SseEvents.Event("message", "[DONE]"));
    assertThat(sse.comments()).isEqualTo(1);
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-02T04:00:00Z"), ZoneOffset.UTC);

    assertThat(Backoff.retryAfter("12", clock)).contains(Duration.ofSeconds(12));
    assertThat(Backoff.retryAfter("1.5", clock)).contains(Duration.ofMillis(1500));
    assertThat(Backoff.retryAfter("Wed, 02 Dec 2026 04:00:09 GMT", clock)).contains(Duration.ofSeconds(9));
    assertThat(Backoff.retryAfter("Wed, 02 Dec 2026 03:59:00 GMT", clock)).contains(Duration.ZERO);
    assertThat(Backoff.retryAfter("soon", clock)).isEmpty();
    assertThat(Backoff.retryAfter(null, clock)).isEmpty();
  }

  @Test
  void backoffDoublesWithJitterAndIsCapped() {
    Backoff top = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10), () -> 0.999999);
    Backoff bottom = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10), () -> 0.0);

    assertThat(bottom.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(bottom.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(top.delay(2, Optional.empty())).isBetween(Duration.ofMillis(3990), Duration.ofSeconds(4));
    assertThat(top.delay(5, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
    assertThat(top.delay(1, Optional.of(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void tokenBudgetReservesAndSettles() {
    TokenBudget b = new TokenBudget(1000);

    assertThat(b.reserve(600)).isTrue();
    assertThat(b.reserve(600)).isFalse();
    b.settle(600, 200);
    assertThat(b.reserve(600)).isTrue();
    assertThat(b.used()).isEqualTo(800);
  }
}
