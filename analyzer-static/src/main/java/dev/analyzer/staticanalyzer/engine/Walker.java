package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The language-neutral half of a taint walk over one function (or the module): applies the call rules
 * to each call with the taint of its sink arguments, applies summaries of local functions at their
 * call sites, and records hits or, for taint that comes from the function's own parameters, the
 * function's {@link Summary}. Subclasses evaluate their grammar's expressions and statements.
 * Not thread-safe: one walk owns it.
 */
abstract class Walker {

  final FileContext file;
  final List<CallRule> rules;
  final Summary summary;
  Scope scope;
  int budget = 200_000;

  Walker(FileContext file, List<CallRule> rules, Scope scope, Summary summary) {
    this.file = file;
    this.rules = rules;
    this.scope = scope;
    this.summary = summary;
  }

  /** Nesting deeper than this (generated or hostile code) is not followed: no stack overflow. */
  static final int MAX_DEPTH = 400;
  int depth;

  /** The taint of expression {@code n}, checking every call inside it on the way. */
  final Taint eval(SyntaxNode n) {
    if (n == null || depth > MAX_DEPTH) {
      return null;
    }
    depth++;
    try {
      return evalNode(n);
    } finally {
      depth--;
    }
  }

  /** Walks a statement (or any node: expressions are evaluated). */
  final void visit(SyntaxNode n) {
    if (n == null || depth > MAX_DEPTH) {
      return;
    }
    depth++;
    try {
      visitNode(n);
    } finally {
      depth--;
    }
  }

  abstract Taint evalNode(SyntaxNode n);

  abstract void visitNode(SyntaxNode n);

  /** A walker for local function {@code fn} (its parameters bound), sharing this file. */
  abstract Walker forFunction(FunctionInfo fn, Summary into);

  /** Walks {@code fn} once and returns its summary. */
  final Summary summarise(FunctionInfo fn) {
    return file.summary(fn, f -> {
      Summary s = new Summary();
      Walker w = forFunction(f, s);
      w.depth = depth + 20;
      w.visit(f.node());
      return s;
    });
  }

  /** The merged taint of the named children. */
  final Taint evalChildren(SyntaxNode n) {
    Taint t = null;
    for (SyntaxNode c : n.children()) {
      if (c.named()) {
        t = Taint.merge(t, eval(c));
      }
    }
    return t;
  }

  final boolean spend() {
    return --budget > 0;
  }

  /**
   * Applies every matching rule to {@code site}. {@code argTaint} evaluates an argument node once
   * (the caller caches), so a nested call is checked only once.
   */
  final void checkRules(Site site, Map<SyntaxNode, Taint> argTaint) {
    for (CallRule r : rules) {
      if (!r.matches(site)) {
        continue;
      }
      Taint t = null;
      boolean computed = false;
      boolean built = false;
      List<SyntaxNode> sinks = new ArrayList<>();
      for (int i : r.sinkArgs()) {
        sinks.add(site.arg(i));
      }
      for (String k : r.sinkKeywords()) {
        sinks.add(site.keyword(k));
      }
      for (SyntaxNode a : sinks) {
        if (a != null) {
          t = Taint.merge(t, argTaint.get(a));
          computed |= !Literals.isConstant(a, file, scope);
          built |= Literals.isBuilt(a, file, scope);
        }
      }
      report(r.rule(), r.mode(), site.node(), t, r.mode() == CallRule.Mode.BUILT ? built : computed,
          "sink " + site.qualified());
    }
  }

  /** Records a hit of {@code rule} at {@code at} for a sink value with taint {@code t}. */
  final void report(Rule rule, CallRule.Mode mode, SyntaxNode at, Taint t, boolean computed, String what) {
    TraceStep sink = file.step(at, what);
    if (t != null && t.params() != 0 && summary != null) {
      summary.addSink(new Summary.ParamSink(t.params(), rule, at.line(), at.column(),
          file.tree().lineText(at.line()), List.of(sink)));
    }
    if (t != null && t.traced()) {
      hit(rule, at, Confidence.HIGH, t.then(sink).trace());
      return;
    }
    if (mode == CallRule.Mode.ALWAYS || (mode == CallRule.Mode.NON_LITERAL || mode == CallRule.Mode.BUILT) && computed) {
      hit(rule, at, rule.confidence(), List.of());
    }
  }

  final void hit(Rule rule, SyntaxNode at, Confidence c, List<TraceStep> trace) {
    file.hit(new Hit(rule, at.line(), at.column(), c, trace, file.tree().lineText(at.line())));
  }

  /**
   * The taint a call to local function {@code fn} returns, and the sinks its parameters reach
   * reported here with the caller's taint. {@code argTaints} are per parameter index.
   */
  final Taint applySummary(FunctionInfo fn, SyntaxNode call, Taint[] argTaints) {
    Summary s = summarise(fn);
    TraceStep callStep = file.step(call, "passed to " + fn.name() + "()");
    for (Summary.ParamSink ps : s.sinks()) {
      Taint in = null;
      for (int i = 0; i < argTaints.length; i++) {
        if ((ps.mask() & (1L << i)) != 0) {
          in = Taint.merge(in, argTaints[i]);
        }
      }
      if (in == null) {
        continue;
      }
      if (in.traced()) {
        List<TraceStep> trace = new ArrayList<>(in.trace());
        trace.add(callStep);
        trace.addAll(ps.tail());
        file.hit(new Hit(ps.rule(), ps.line(), ps.column(), Confidence.HIGH,
            trace.size() > 16 ? trace.subList(trace.size() - 16, trace.size()) : trace, ps.evidence()));
      }
      if (in.params() != 0 && summary != null) {
        List<TraceStep> tail = new ArrayList<>();
        tail.add(callStep);
        tail.addAll(ps.tail());
        summary.addSink(new Summary.ParamSink(in.params(), ps.rule(), ps.line(), ps.column(), ps.evidence(),
            tail.size() > 8 ? tail.subList(0, 8) : tail));
      }
    }
    Taint r = s.returns();
    if (r == null) {
      return null;
    }
    Taint out = r.sourceOnly();
    for (int i = 0; i < argTaints.length && i < 63; i++) {
      if ((r.params() & (1L << i)) != 0) {
        out = Taint.merge(out, argTaints[i]);
      }
    }
    return out == null ? null : out.then(file.step(call, "returned by " + fn.name() + "()"));
  }
}
