package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;

/**
 * What a finding of the engine says: its rule id (the Bandit id for Bandit's checks, else
 * {@code py.*}/{@code js.*}), its class (one word per kind of issue, used to merge reports of the
 * same issue), CWE, title, severity, the confidence without a traced source, the fix, and the
 * equivalent ids of other tools ({@code B602/S602}, {@code security/detect-child-process}). Immutable.
 */
public record Rule(String id, String ruleClass, String cwe, String title, Severity severity, Confidence confidence,
    String remediation, String equivalents) {

  public Rule {
    if (id == null || ruleClass == null || title == null || severity == null || confidence == null) {
      throw new IllegalArgumentException("rule id, class, title, severity and confidence are required: " + id);
    }
  }
}
