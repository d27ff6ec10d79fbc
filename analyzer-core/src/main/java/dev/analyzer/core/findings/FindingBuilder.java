package dev.analyzer.core.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link Finding}; the fingerprint is computed when not set. Not thread-safe. */
public final class FindingBuilder {

  private final String tool;
  private final String ruleId;
  private String fingerprint;
  private List<String> tools;
  private Severity severity = Severity.MEDIUM;
  private Confidence confidence;
  private String title;
  private String message;
  private String cwe;
  private Location location;
  private String evidence;
  private String remediation;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  FindingBuilder(String tool, String ruleId) {
    this.tool = tool;
    this.ruleId = ruleId;
  }

  public FindingBuilder withFingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
    return this;
  }

  public FindingBuilder withTools(List<String> tools) {
    this.tools = tools;
    return this;
  }

  public FindingBuilder withSeverity(Severity severity) {
    this.severity = severity;
    return this;
  }

  public FindingBuilder withConfidence(Confidence confidence) {
    this.confidence = confidence;
    return this;
  }

  public FindingBuilder withTitle(String title) {
    this.title = title;
    return this;
  }

  public FindingBuilder withMessage(String message) {
    this.message = message;
    return this;
  }

  public FindingBuilder withCwe(String cwe) {
    this.cwe = cwe;
    return this;
  }

  public FindingBuilder withLocation(Location location) {
    this.location = location;
    return this;
  }

  public FindingBuilder withEvidence(String evidence) {
    this.evidence = evidence;
    return this;
  }

  public FindingBuilder withRemediation(String remediation) {
    this.remediation = remediation;
    return this;
  }

  public FindingBuilder withExtra(String field, Object value) {
    this.extra.put(field, value);
    return this;
  }

  /**
   * @throws IllegalArgumentException naming the first missing or invalid field
   */
  public Finding build() {
    return new Finding(fingerprint, tool, tools, ruleId, severity, confidence,
        title == null ? ruleId : title, message, cwe, location, evidence, remediation, extra);
  }
}
