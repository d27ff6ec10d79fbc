package dev.analyzer.staticanalyzer.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a value may carry: a trace from a real source (request data, route parameters, browser URL),
 * and/or the parameters of the enclosing function it derives from (bit i for parameter i, used to
 * summarise local helpers). {@code null} stands for "clean" everywhere in the engine. Immutable.
 */
final class Taint {

  static final int MAX_STEPS = 12;

  private final List<TraceStep> trace;
  private final long params;

  private Taint(List<TraceStep> trace, long params) {
    this.trace = trace;
    this.params = params;
  }

  static Taint source(TraceStep step) {
    return new Taint(List.of(step), 0L);
  }

  static Taint param(int index) {
    return index < 0 || index > 62 ? null : new Taint(null, 1L << index);
  }

  /** True when a real source reaches this value. */
  boolean traced() {
    return trace != null;
  }

  /** The trace from the source, or an empty list. */
  List<TraceStep> trace() {
    return trace == null ? List.of() : trace;
  }

  long params() {
    return params;
  }

  /** This taint with one more step on its trace (no-op for parameter-only taint or a full trace). */
  Taint then(TraceStep step) {
    if (trace == null || trace.size() >= MAX_STEPS || trace.get(trace.size() - 1).equals(step)) {
      return this;
    }
    List<TraceStep> t = new ArrayList<>(trace);
    t.add(step);
    return new Taint(Collections.unmodifiableList(t), params);
  }

  /** Only the traced part (parameters dropped), or null. */
  Taint sourceOnly() {
    return trace == null ? null : params == 0 ? this : new Taint(trace, 0L);
  }

  static Taint merge(Taint a, Taint b) {
    if (a == null) {
      return b;
    }
    if (b == null || a == b) {
      return a;
    }
    List<TraceStep> t = a.trace != null ? a.trace : b.trace;
    long p = a.params | b.params;
    if (t == a.trace && p == a.params) {
      return a;
    }
    return new Taint(t, p);
  }
}
