package dev.analyzer.staticanalyzer.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What a local function does with its parameters, found by walking it once with each parameter
 * standing for itself: the taint of its return value (parameters and sources inside it), and the
 * sinks its parameters reach. Call sites apply it. Not thread-safe: built by one walk.
 */
final class Summary {

  /** A sink reached by the parameters in {@code mask}; {@code tail} is the trace from the call on. */
  record ParamSink(long mask, Rule rule, int line, int column, String evidence, List<TraceStep> tail) {}

  static final Summary EMPTY = new Summary();

  private Taint returns;
  private final List<ParamSink> sinks = new ArrayList<>();

  Taint returns() {
    return returns;
  }

  void addReturn(Taint t) {
    returns = Taint.merge(returns, t);
  }

  List<ParamSink> sinks() {
    return sinks;
  }

  void addSink(ParamSink s) {
    if (sinks.size() < 200 && this != EMPTY) {
      sinks.add(s);
    }
  }
}
