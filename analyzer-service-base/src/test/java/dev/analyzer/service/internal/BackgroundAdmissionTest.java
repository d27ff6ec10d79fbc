package dev.analyzer.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Background (queue) work in {@link Admission}: it takes only free slots, yields every freed slot
 * to waiting foreground (WebSocket) work, is bounded by its own slot count, and never makes
 * foreground work refused.
 */
class BackgroundAdmissionTest {

  @Test
  void backgroundWorkTakesFreeSlotsUpToItsBoundThenWaits() {
    Admission<String> a = new Admission<>(3, 0, 2);

    assertThat(a.admitBackground("q1")).isTrue();
    assertThat(a.admitBackground("q2")).isTrue();
    assertThat(a.admitBackground("q3")).as("its bound is 2").isFalse();
    assertThat(a.backgroundRunning()).isEqualTo(2);
    assertThat(a.backgroundQueued()).isEqualTo(1);
    assertThat(a.admit("ws")).as("the third slot stays for the foreground").isEqualTo(Admission.Decision.RUN);
  }

  @Test
  void foregroundWorkIsNeverRefusedBecauseBackgroundWorkHoldsTheSlots() {
    Admission<String> a = new Admission<>(2, 0);
    a.admitBackground("q1");
    a.admitBackground("q2");

    assertThat(a.admit("ws1")).isEqualTo(Admission.Decision.QUEUED);
    assertThat(a.admit("ws2")).isEqualTo(Admission.Decision.QUEUED);
    assertThat(a.admit("ws3")).as("only two slots are background's to give back").isEqualTo(Admission.Decision.FULL);
  }

  @Test
  void aFreedSlotGoesToWaitingForegroundWorkBeforeWaitingBackgroundWork() {
    Admission<String> a = new Admission<>(1, 1);
    a.admitBackground("q1");
    a.admitBackground("q2");
    a.admit("ws");

    assertThat(a.release(true)).isEqualTo("ws");
    assertThat(a.backgroundRunning()).isZero();
    assertThat(a.release(false)).isEqualTo("q2");
    assertThat(a.backgroundRunning()).isEqualTo(1);
    assertThat(a.release(true)).isNull();
    assertThat(a.running()).isZero();
  }

  @Test
  void backgroundWorkDoesNotOvertakeWaitingForegroundWork() {
    Admission<String> a = new Admission<>(1, 1);
    a.admit("ws1");
    a.admit("ws2");

    assertThat(a.admitBackground("q")).isFalse();
    assertThat(a.release()).isEqualTo("ws2");
    assertThat(a.release()).isEqualTo("q");
  }

  @Test
  void backgroundWorkWaitingCanBeRemoved() {
    Admission<String> a = new Admission<>(1, 0);
    a.admit("ws");
    a.admitBackground("q");

    assertThat(a.remove("q")).isTrue();
    assertThat(a.release()).isNull();
  }

  @Test
  void badBoundsAreRefusedNamingThem() {
    assertThatThrownBy(() -> new Admission<String>(2, 0, 3)).hasMessageContaining("background slots must be 1..2");
    assertThatThrownBy(() -> new Admission<String>(2, 0, 0)).hasMessageContaining("background slots must be 1..2");
    Admission<String> a = new Admission<>(1, 0);
    a.admit("ws");
    assertThatThrownBy(() -> a.release(true)).isInstanceOf(IllegalStateException.class);
  }
}
