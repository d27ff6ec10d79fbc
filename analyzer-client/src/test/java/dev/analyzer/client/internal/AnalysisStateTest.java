package dev.analyzer.client.internal;

import static dev.analyzer.client.internal.AnalysisPhase.CONNECTING;
import static dev.analyzer.client.internal.AnalysisPhase.DONE;
import static dev.analyzer.client.internal.AnalysisPhase.LEASING;
import static dev.analyzer.client.internal.AnalysisPhase.SENT;
import static dev.analyzer.client.internal.AnalysisPhase.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition table of a remote analysis, and the state that enforces it. */
class AnalysisStateTest {

  private static final Map<AnalysisPhase, Set<AnalysisPhase>> LEGAL = Map.of(
      LEASING, EnumSet.of(CONNECTING, DONE),
      CONNECTING, EnumSet.of(SENT, LEASING, STOPPING, DONE),
      SENT, EnumSet.of(LEASING, STOPPING, DONE),
      STOPPING, EnumSet.of(DONE),
      DONE, EnumSet.noneOf(AnalysisPhase.class));

  @Test
  void theTableAllowsExactlyTheDocumentedTransitions() {
    for (AnalysisPhase from : AnalysisPhase.values()) {
      for (AnalysisPhase to : AnalysisPhase.values()) {
        assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(LEGAL.get(from).contains(to));
      }
    }
  }

  @Test
  void everyIllegalTransitionThrowsAndChangesNothing() {
    for (AnalysisPhase from : AnalysisPhase.values()) {
      for (AnalysisPhase to : AnalysisPhase.values()) {
        if (LEGAL.get(from).contains(to)) {
          continue;
        }
        AnalysisState s = at(from);
        assertThatThrownBy(() -> s.moveIf(from, to)).as("%s -> %s", from, to)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("illegal transition " + from + " -> " + to);
        assertThat(s.phase()).isEqualTo(from);
      }
    }
  }

  @Test
  void aLateEventFromAPhaseThatHasPassedChangesNothing() {
    AnalysisState s = at(STOPPING);

    assertThat(s.moveIf(CONNECTING, SENT)).isFalse();
    assertThat(s.moveIf(SENT, LEASING)).isFalse();
    assertThat(s.phase()).isEqualTo(STOPPING);
    assertThat(s.moveIf(STOPPING, DONE)).isTrue();
    assertThat(s.moveIf(STOPPING, DONE)).isFalse();
  }

  @Test
  void stopWhileLeasingIsDoneAndOnAConnectionIsStopping() {
    AnalysisState leasing = new AnalysisState("a");
    assertThat(leasing.stop()).isEqualTo(LEASING);
    assertThat(leasing.phase()).isEqualTo(DONE);

    for (AnalysisPhase p : EnumSet.of(CONNECTING, SENT)) {
      AnalysisState s = at(p);
      assertThat(s.stop()).isEqualTo(p);
      assertThat(s.phase()).isEqualTo(STOPPING);
      assertThat(s.isSettled()).isTrue();
    }
  }

  @Test
  void aSettledAnalysisIsSettledOnce() {
    for (AnalysisPhase p : EnumSet.of(LEASING, CONNECTING, SENT)) {
      AnalysisState s = at(p);
      assertThat(s.complete()).isEqualTo(p);
      assertThat(s.complete()).isNull();
      assertThat(s.stop()).isNull();
      assertThat(s.phase()).isEqualTo(DONE);
    }
    AnalysisState stopping = at(STOPPING);
    assertThat(stopping.complete()).isNull();
    assertThat(stopping.stop()).isNull();
  }

  /** A state brought to {@code p} along legal transitions. */
  private static AnalysisState at(AnalysisPhase p) {
    AnalysisState s = new AnalysisState("a");
    if (p == LEASING) {
      return s;
    }
    s.moveIf(LEASING, CONNECTING);
    if (p == CONNECTING) {
      return s;
    }
    if (p == DONE) {
      s.complete();
      return s;
    }
    s.moveIf(CONNECTING, SENT);
    if (p == STOPPING) {
      s.stop();
    }
    return s;
  }
}
