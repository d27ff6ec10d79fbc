package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import java.util.List;

/**
 * One finding of the engine before it becomes a {@link dev.analyzer.core.findings.Finding}: the rule,
 * where (line, column), how sure, and the data-flow trace (empty without a traced source). Immutable.
 */
record Hit(Rule rule, int line, int column, Confidence confidence, List<TraceStep> trace, String evidence) {

  Hit {
    trace = List.copyOf(trace);
  }

  /** Same issue: same rule id, or same class, on the same line. */
  String key() {
    return rule.ruleClass() + "@" + line + "#" + rule.id();
  }
}
