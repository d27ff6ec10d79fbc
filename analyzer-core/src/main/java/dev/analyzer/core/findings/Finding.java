package dev.analyzer.core.findings;

import dev.analyzer.core.json.FrozenJson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One normalized finding, whichever tool produced it. Findings of several tools about the same
 * issue are merged into one that lists them all in {@link #tools()} ({@link #mergedWith}).
 *
 * @param fingerprint stable id; includes the file path or URL (see {@link Fingerprints})
 * @param tool the tool that reported it first
 * @param tools every tool that reported it, {@code tool} first
 * @param ruleId the tool's rule id, such as {@code B608} or {@code py.sql-format}
 * @param severity how bad it is
 * @param confidence how sure the rule is, or {@code null}
 * @param title a one-line title
 * @param message the full explanation, or {@code null}
 * @param cwe {@code CWE-<n>}, or {@code null}
 * @param location where, or {@code null} for a finding about the whole target
 * @param evidence the offending snippet or response excerpt (untrusted text: escape before display)
 * @param remediation how to fix it, or {@code null}
 * @param extra tool-specific fields, kept and passed on
 */
public record Finding(
    String fingerprint,
    String tool,
    List<String> tools,
    String ruleId,
    Severity severity,
    Confidence confidence,
    String title,
    String message,
    String cwe,
    Location location,
    String evidence,
    String remediation,
    Map<String, Object> extra) {

  public Finding {
    tool = requireText(tool, "tool");
    ruleId = requireText(ruleId, "rule_id");
    if (severity == null) {
      throw new IllegalArgumentException("finding severity is required");
    }
    title = requireText(title, "title");
    cwe = normalizeCwe(cwe);
    if (fingerprint == null || fingerprint.isBlank()) {
      fingerprint = Fingerprints.of(ruleId, location, evidence);
    }
    Set<String> all = new LinkedHashSet<>();
    all.add(tool);
    if (tools != null) {
      all.addAll(tools);
    }
    tools = List.copyOf(all);
    extra = FrozenJson.copyOf(extra);
  }

  /** A builder for a finding of {@code tool}'s rule {@code ruleId}. */
  public static FindingBuilder builder(String tool, String ruleId) {
    return new FindingBuilder(tool, ruleId);
  }

  /**
   * This finding, also reported by {@code other}'s tools; keeps this one's fingerprint, rule and
   * text, takes the higher severity and the higher confidence.
   */
  public Finding mergedWith(Finding other) {
    List<String> allTools = new ArrayList<>(tools);
    for (String t : other.tools) {
      if (!allTools.contains(t)) {
        allTools.add(t);
      }
    }
    Severity sev = severity.isAtLeast(other.severity) ? severity : other.severity;
    Confidence conf = confidence;
    if (conf == null || (other.confidence != null && other.confidence.ordinal() < conf.ordinal())) {
      conf = other.confidence;
    }
    return new Finding(fingerprint, tool, allTools, ruleId, sev, conf, title, message,
        cwe != null ? cwe : other.cwe, location, evidence, remediation != null ? remediation : other.remediation,
        extra);
  }

  /**
   * {@code CWE-89} for {@code "89"}, {@code "cwe-89"} or {@code "CWE-89"}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static String normalizeCwe(String cwe) {
    if (cwe == null || cwe.isBlank()) {
      return null;
    }
    String c = cwe.trim().toUpperCase(Locale.ROOT);
    if (c.startsWith("CWE-")) {
      c = c.substring(4);
    }
    if (!c.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("cwe must look like CWE-89, got " + cwe);
    }
    return "CWE-" + Integer.parseInt(c);
  }

  private static String requireText(String v, String name) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("finding " + name + " is required");
    }
    return v;
  }
}
