package dev.analyzer.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationTest {

  @Test
  void firesOnceWithTheFirstReason() {
    Cancellation c = new Cancellation();
    List<String> seen = new ArrayList<>();
    c.onCancel(() -> seen.add("early"));

    assertThat(c.cancel("caller")).isTrue();
    assertThat(c.cancel("shutdown")).isFalse();

    assertThat(c.isCancelled()).isTrue();
    assertThat(c.reason()).hasValue("caller");
    assertThat(seen).containsExactly("early");
  }

  @Test
  void anActionAddedAfterFiringRunsAtOnceAndAFailingActionDoesNotStopOthers() {
    Cancellation c = new Cancellation();
    List<String> seen = new ArrayList<>();
    c.onCancel(() -> {
      throw new IllegalStateException("bad action");
    });
    c.onCancel(() -> seen.add("second"));
    c.cancel("x");

    c.onCancel(() -> seen.add("late"));

    assertThat(seen).containsExactly("second", "late");
  }

  @Test
  void notFiredHasNoReason() {
    Cancellation c = new Cancellation();

    assertThat(c.isCancelled()).isFalse();
    assertThat(c.reason()).isEmpty();
  }
}
