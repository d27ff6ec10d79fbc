package dev.analyzer.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Slots and a first-come-first-served line: a freed slot goes to the head, never to a newcomer. */
class AdmissionTest {

  @Test
  void workRunsWhileSlotsAreFreeThenWaitsThenIsRefused() {
    Admission<String> a = new Admission<>(2, 2);

    assertThat(a.admit("a")).isEqualTo(Admission.Decision.RUN);
    assertThat(a.admit("b")).isEqualTo(Admission.Decision.RUN);
    assertThat(a.admit("c")).isEqualTo(Admission.Decision.QUEUED);
    assertThat(a.admit("d")).isEqualTo(Admission.Decision.QUEUED);
    assertThat(a.admit("e")).isEqualTo(Admission.Decision.FULL);
    assertThat(a.running()).isEqualTo(2);
    assertThat(a.waiting()).containsExactly("c", "d");
  }

  @Test
  void aFreedSlotPassesToTheHeadOfTheLineInArrivalOrder() {
    Admission<String> a = new Admission<>(1, 3);
    a.admit("a");
    a.admit("b");
    a.admit("c");

    assertThat(a.release()).isEqualTo("b");
    assertThat(a.admit("d")).as("a newcomer waits behind c").isEqualTo(Admission.Decision.QUEUED);
    assertThat(a.release()).isEqualTo("c");
    assertThat(a.release()).isEqualTo("d");
    assertThat(a.release()).isNull();
    assertThat(a.running()).isZero();
    assertThat(a.admit("e")).isEqualTo(Admission.Decision.RUN);
  }

  @Test
  void removedWorkLeavesTheLineAndFreesItsPlace() {
    Admission<String> a = new Admission<>(1, 1);
    a.admit("a");
    a.admit("b");

    assertThat(a.remove("b")).isTrue();
    assertThat(a.remove("b")).isFalse();
    assertThat(a.admit("c")).isEqualTo(Admission.Decision.QUEUED);
    assertThat(a.drainWaiting()).containsExactly("c");
    assertThat(a.queued()).isZero();
  }

  @Test
  void aZeroLineRefusesAtOnceAndBadBoundsAreRefused() {
    Admission<String> a = new Admission<>(1, 0);
    a.admit("a");

    assertThat(a.admit("b")).isEqualTo(Admission.Decision.FULL);
    assertThatThrownBy(() -> new Admission<String>(0, 1)).hasMessageContaining("must be >= 1, got 0");
    assertThatThrownBy(() -> new Admission<String>(1, -1)).hasMessageContaining("must be >= 0, got -1");
    assertThatThrownBy(() -> new Admission<String>(1, 1).release()).isInstanceOf(IllegalStateException.class);
  }
}
