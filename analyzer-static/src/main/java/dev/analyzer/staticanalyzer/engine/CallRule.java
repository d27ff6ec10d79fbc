package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A rule on calls: the names it matches (resolved names such as {@code subprocess.Popen}, or
 * {@code *.execute} for a method of any receiver), when it fires ({@link Mode}), which arguments are
 * the sink (positions and keywords), and an extra condition on the call. Immutable.
 */
record CallRule(Rule rule, Set<String> names, Mode mode, int[] sinkArgs, String[] sinkKeywords,
    Predicate<Site> when) {

  /** When a matched call is a finding. */
  enum Mode {
    /** Always (the call itself is the issue: pickle.loads, verify=False); high confidence when a source reaches a sink argument. */
    ALWAYS,
    /** When a sink argument is not a constant; high confidence with a traced source, else the rule's. */
    NON_LITERAL,
    /** When a sink argument is a string built in place (f-string, %, +, .format, template literal), or traced. */
    BUILT,
    /** Only when a traced source reaches a sink argument (SSRF, path traversal, open redirect). */
    TAINTED
  }

  boolean matches(Site s) {
    return (names.contains(s.qualified()) || s.isMethod() && names.contains("*." + s.method()))
        && (when == null || when.test(s));
  }

  static Builder of(String id, String ruleClass, String cwe, Severity severity, String title, String fix) {
    return new Builder(id, ruleClass, cwe, severity, title, fix);
  }

  /** Builds a rule; defaults: mode NON_LITERAL, sink argument 0, medium confidence. */
  static final class Builder {
    private final String id;
    private final String ruleClass;
    private final String cwe;
    private final Severity severity;
    private final String title;
    private final String fix;
    private Confidence confidence = Confidence.MEDIUM;
    private String equivalents;
    private Set<String> names = Set.of();
    private Mode mode = Mode.NON_LITERAL;
    private int[] args = {0};
    private String[] keywords = {};
    private Predicate<Site> when;

    private Builder(String id, String ruleClass, String cwe, Severity severity, String title, String fix) {
      this.id = id;
      this.ruleClass = ruleClass;
      this.cwe = cwe;
      this.severity = severity;
      this.title = title;
      this.fix = fix;
      this.equivalents = id;
    }

    Builder names(String... n) {
      names = Set.of(n);
      return this;
    }

    Builder mode(Mode m) {
      mode = m;
      return this;
    }

    Builder always() {
      return mode(Mode.ALWAYS);
    }

    Builder tainted() {
      return mode(Mode.TAINTED);
    }

    Builder args(int... a) {
      args = a;
      return this;
    }

    Builder keywords(String... k) {
      keywords = k;
      return this;
    }

    Builder confidence(Confidence c) {
      confidence = c;
      return this;
    }

    Builder same(String equivalents) {
      this.equivalents = equivalents;
      return this;
    }

    Builder when(Predicate<Site> w) {
      when = w;
      return this;
    }

    CallRule build() {
      return new CallRule(new Rule(id, ruleClass, cwe, title, severity, confidence, fix, equivalents), names, mode,
          args, keywords, when);
    }
  }
}
