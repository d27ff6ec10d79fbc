package dev.analyzer.service.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Slots for running work and a bounded first-come-first-served line for the work that waits for
 * one: the bookkeeping behind {@code ANALYZER_MAX_CONCURRENT_ANALYSES} and
 * {@code ANALYZER_MAX_QUEUED_ANALYSES}. A slot freed while work waits passes straight to the head
 * of the line, so the line is served in arrival order and never overtaken by a newcomer.
 *
 * <p>Not thread-safe: the owner guards every call with one lock (so that it can act on a decision,
 * such as telling the waiting their new positions, before anyone else changes the line).
 *
 * @param <T> the work
 */
final class Admission<T> {

  /** What {@link #admit} did with the work. */
  enum Decision { RUN, QUEUED, FULL }

  private final int maxRunning;
  private final int maxWaiting;
  private final ArrayDeque<T> waiting = new ArrayDeque<>();
  private int running;

  /**
   * @param maxRunning slots, at least 1
   * @param maxWaiting places in the line, at least 0
   */
  Admission(int maxRunning, int maxWaiting) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("running slots must be >= 1, got " + maxRunning);
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("waiting places must be >= 0, got " + maxWaiting);
    }
    this.maxRunning = maxRunning;
    this.maxWaiting = maxWaiting;
  }

  /**
   * Takes a slot for {@code work} when one is free and nobody waits ({@link Decision#RUN}), else
   * puts it at the end of the line when there is room ({@link Decision#QUEUED}), else refuses it.
   */
  Decision admit(T work) {
    if (running < maxRunning && waiting.isEmpty()) {
      running++;
      return Decision.RUN;
    }
    if (waiting.size() < maxWaiting) {
      waiting.addLast(work);
      return Decision.QUEUED;
    }
    return Decision.FULL;
  }

  /**
   * Frees the slot of work that ended; when work waits, the slot passes to the head of the line,
   * which is removed and returned (it now runs). Null when nobody waited.
   *
   * @throws IllegalStateException when no slot is taken
   */
  T release() {
    if (running == 0) {
      throw new IllegalStateException("no running slot to release");
    }
    T next = waiting.pollFirst();
    if (next == null) {
      running--;
    }
    return next;
  }

  /** Removes {@code work} from the line (cancelled while it waited); false when it was not waiting. */
  boolean remove(T work) {
    return waiting.remove(work);
  }

  /** Empties the line, returning what waited in arrival order. */
  List<T> drainWaiting() {
    List<T> out = new ArrayList<>(waiting);
    waiting.clear();
    return out;
  }

  /** What waits, in arrival order (a copy). */
  List<T> waiting() {
    return new ArrayList<>(waiting);
  }

  /** Slots taken. */
  int running() {
    return running;
  }

  /** Work waiting. */
  int queued() {
    return waiting.size();
  }

  int maxRunning() {
    return maxRunning;
  }

  int maxWaiting() {
    return maxWaiting;
  }
}
