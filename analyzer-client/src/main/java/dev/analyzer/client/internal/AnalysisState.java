package dev.analyzer.client.internal;

/**
 * The phase of one {@link RemoteAnalysis}, changed only through the transitions of
 * {@link AnalysisPhase}'s table; a transition the table forbids throws, so a bug fails loudly
 * instead of corrupting the analysis.
 *
 * <p>Thread-safe: every transition happens under this object's lock. Not on one channel's event
 * loop: LEASING and CONNECTING come before a channel exists (on the caller's or the timer's
 * thread), and a failover moves the analysis to another channel; the lock is held only for the
 * check-and-set, never while calling out.
 */
final class AnalysisState {

  private final String name;
  private AnalysisPhase phase = AnalysisPhase.LEASING;

  /** @param name names the analysis in error messages */
  AnalysisState(String name) {
    this.name = name;
  }

  synchronized AnalysisPhase phase() {
    return phase;
  }

  synchronized boolean isSettled() {
    return phase.isSettled();
  }

  /**
   * Moves {@code from} to {@code to} when the analysis is in {@code from}; false (nothing changes)
   * when it has moved on, as when a late event loses a race with a cancel.
   *
   * @throws IllegalStateException when the table forbids {@code from -> to}
   */
  synchronized boolean moveIf(AnalysisPhase from, AnalysisPhase to) {
    check(from, to);
    if (phase != from) {
      return false;
    }
    phase = to;
    return true;
  }

  /**
   * Settles the analysis by a reply: to DONE from any phase not yet settled.
   *
   * @return the phase it left, or null when it was already settled
   */
  synchronized AnalysisPhase complete() {
    if (phase.isSettled()) {
      return null;
    }
    AnalysisPhase left = phase;
    check(left, AnalysisPhase.DONE);
    phase = AnalysisPhase.DONE;
    return left;
  }

  /**
   * Settles the analysis by a cancel or deadline: to DONE while leasing (no connection to tell),
   * else to STOPPING (the service gets a cancel_request once the connection is there).
   *
   * @return the phase it left, or null when it was already settled
   */
  synchronized AnalysisPhase stop() {
    if (phase.isSettled()) {
      return null;
    }
    AnalysisPhase left = phase;
    AnalysisPhase to = left == AnalysisPhase.LEASING ? AnalysisPhase.DONE : AnalysisPhase.STOPPING;
    check(left, to);
    phase = to;
    return left;
  }

  private void check(AnalysisPhase from, AnalysisPhase to) {
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException("analysis " + name + ": illegal transition " + from + " -> " + to
          + " (now " + phase + ")");
    }
  }

  @Override
  public synchronized String toString() {
    return name + "@" + phase;
  }
}
