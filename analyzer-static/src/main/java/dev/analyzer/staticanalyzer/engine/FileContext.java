package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.staticanalyzer.syntax.SyntaxNode;
import dev.analyzer.staticanalyzer.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything known about one file during its analysis: the tree, the import aliases (local name to
 * qualified name), the local functions and their summaries, and the hits so far (one per issue: a
 * second report of the same rule on the same line keeps the more confident one, with its trace).
 * Not thread-safe: one analysis owns it.
 */
final class FileContext {

  private final String path;
  private final SyntaxTree tree;
  private final Map<String, String> aliases = new HashMap<>();
  private final Map<String, FunctionInfo> functions = new LinkedHashMap<>();
  private final Map<SyntaxNode, Summary> summaries = new HashMap<>();
  private final Set<SyntaxNode> inProgress = new HashSet<>();
  private final Map<String, Hit> hits = new LinkedHashMap<>();
  private final Scope module = new Scope(null);
  private int depth;

  FileContext(String path, SyntaxTree tree) {
    this.path = path;
    this.tree = tree;
  }

  /** The module's (global) scope; functions' scopes fall back to it. */
  Scope moduleScope() {
    return module;
  }

  String path() {
    return path;
  }

  SyntaxTree tree() {
    return tree;
  }

  String text(SyntaxNode n) {
    return tree.text(n);
  }

  TraceStep step(SyntaxNode n, String what) {
    return new TraceStep(path, n.line(), what.length() <= 120 ? what : what.substring(0, 120) + "…");
  }

  void alias(String local, String qualified) {
    aliases.put(local, qualified);
  }

  /** The qualified name of a dotted name: its first part replaced by what it was imported as. */
  String resolve(String dotted) {
    int dot = dotted.indexOf('.');
    String head = dot < 0 ? dotted : dotted.substring(0, dot);
    String q = aliases.get(head);
    if (q == null) {
      return dotted;
    }
    return dot < 0 ? q : q + dotted.substring(dot);
  }

  boolean imported(String local) {
    return aliases.containsKey(local);
  }

  void define(FunctionInfo fn) {
    functions.putIfAbsent(fn.name(), fn);
  }

  FunctionInfo function(String name) {
    return functions.get(name);
  }

  List<FunctionInfo> functions() {
    return new ArrayList<>(functions.values());
  }

  boolean walked(FunctionInfo fn) {
    return summaries.containsKey(fn.node());
  }

  /**
   * The summary of {@code fn}, walking it with {@code walk} the first time; a recursive call, or one
   * nested deeper than 8 helpers, sees an empty summary.
   */
  Summary summary(FunctionInfo fn, Function<FunctionInfo, Summary> walk) {
    Summary s = summaries.get(fn.node());
    if (s != null) {
      return s;
    }
    if (inProgress.contains(fn.node()) || depth > 8) {
      return Summary.EMPTY;
    }
    inProgress.add(fn.node());
    depth++;
    try {
      s = walk.apply(fn);
    } finally {
      depth--;
      inProgress.remove(fn.node());
    }
    summaries.put(fn.node(), s);
    return s;
  }

  void hit(Hit h) {
    Hit old = hits.get(h.key());
    if (old == null || rank(h) > rank(old)) {
      hits.put(h.key(), h);
    }
  }

  private static int rank(Hit h) {
    return (3 - h.confidence().ordinal()) * 100 + h.trace().size();
  }

  /**
   * The hits, without those another hit of the same class already explains: a hit on a line that
   * lies on the trace of a more confident hit of the same class (the SQL string built on line 10
   * and executed on line 11 is one issue, reported at the execute with its trace).
   */
  List<Hit> hits() {
    List<Hit> all = new ArrayList<>(hits.values());
    List<Hit> out = new ArrayList<>();
    for (Hit h : all) {
      boolean explained = false;
      for (Hit o : all) {
        if (o != h && o.rule().ruleClass().equals(h.rule().ruleClass()) && o.line() != h.line()
            && o.confidence().ordinal() <= h.confidence().ordinal()
            && o.trace().stream().anyMatch(t -> t.line() == h.line() && t.file().equals(path))) {
          explained = true;
          break;
        }
      }
      if (!explained) {
        out.add(h);
      }
    }
    return out;
  }

  static boolean atLeast(Confidence a, Confidence b) {
    return a.ordinal() <= b.ordinal();
  }
}
