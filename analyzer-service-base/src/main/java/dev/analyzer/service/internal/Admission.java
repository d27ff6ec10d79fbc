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
 * <p>Background work (queue mode) shares the slots but yields to the foreground (WebSocket) work:
 * it takes a slot only when one is free, no foreground work waits and fewer than
 * {@code maxBackground} background works run; otherwise it waits in a line of its own, served
 * only when a freed slot finds no foreground work waiting. Background work is never refused (the
 * queue worker bounds how much it holds), and every slot it holds adds a place to the foreground
 * line: foreground work is refused only when the line is full counting the slots held by
 * background work as free, so background work can make foreground work wait for a slot (at most
 * until one background work ends), never make it {@code busy}.
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
  private final int maxBackground;
  private final ArrayDeque<T> waiting = new ArrayDeque<>();
  private final ArrayDeque<T> backgroundWaiting = new ArrayDeque<>();
  private int running;
  private int backgroundRunning;

  /**
   * @param maxRunning slots, at least 1
   * @param maxWaiting places in the line, at least 0
   */
  Admission(int maxRunning, int maxWaiting) {
    this(maxRunning, maxWaiting, maxRunning);
  }

  /**
   * @param maxRunning slots, at least 1
   * @param maxWaiting places in the foreground line, at least 0
   * @param maxBackground slots background work may hold at once, 1..maxRunning
   */
  Admission(int maxRunning, int maxWaiting, int maxBackground) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("running slots must be >= 1, got " + maxRunning);
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("waiting places must be >= 0, got " + maxWaiting);
    }
    this.maxRunning = maxRunning;
    this.maxWaiting = maxWaiting;
    if (maxBackground < 1 || maxBackground > maxRunning) {
      throw new IllegalArgumentException("background slots must be 1.." + maxRunning + ", got " + maxBackground);
    }
    this.maxBackground = maxBackground;
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
    if (waiting.size() < maxWaiting + backgroundRunning) {
      waiting.addLast(work);
      return Decision.QUEUED;
    }
    return Decision.FULL;
  }

  /**
   * Takes a slot for background {@code work} when one is free, no foreground work waits and fewer
   * than {@code maxBackground} background works run (true); else puts it at the end of the
   * background line (false). Never refuses.
   */
  boolean admitBackground(T work) {
    if (running < maxRunning && waiting.isEmpty() && backgroundRunning < maxBackground) {
      running++;
      backgroundRunning++;
      return true;
    }
    backgroundWaiting.addLast(work);
    return false;
  }

  /** {@link #release(boolean)} of foreground work. */
  T release() {
    return release(false);
  }

  /**
   * Frees the slot of work that ended ({@code background} says which kind it was); the slot passes
   * to the head of the foreground line, else to the head of the background line when background
   * work may take another slot; that work is removed and returned (it now runs). Null when the
   * slot stays free.
   *
   * @throws IllegalStateException when no slot is taken
   */
  T release(boolean background) {
    if (running == 0 || (background && backgroundRunning == 0)) {
      throw new IllegalStateException("no running " + (background ? "background " : "") + "slot to release");
    }
    if (background) {
      backgroundRunning--;
    }
    T next = waiting.pollFirst();
    if (next != null) {
      return next;
    }
    if (!backgroundWaiting.isEmpty() && backgroundRunning < maxBackground) {
      backgroundRunning++;
      return backgroundWaiting.pollFirst();
    }
    running--;
    return null;
  }

  /** Removes {@code work} from either line (cancelled while it waited); false when it was not waiting. */
  boolean remove(T work) {
    return waiting.remove(work) || backgroundWaiting.remove(work);
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

  /** Foreground work waiting. */
  int queued() {
    return waiting.size();
  }

  /** Slots held by background work. */
  int backgroundRunning() {
    return backgroundRunning;
  }

  /** Background work waiting for a slot. */
  int backgroundQueued() {
    return backgroundWaiting.size();
  }

  int maxRunning() {
    return maxRunning;
  }

  int maxWaiting() {
    return maxWaiting;
  }
}
