package dev.analyzer.core.sarif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import java.util.Locale;

/** Builds a SARIF {@code reportingDescriptor} (rule) from the first finding of that rule. Stateless. */
final class SarifRules {

  private SarifRules() {}

  static ObjectNode rule(ObjectMapper mapper, Finding f) {
    ObjectNode rule = mapper.createObjectNode();
    rule.put("id", f.ruleId());
    rule.put("name", ruleName(f.ruleId()));
    rule.putObject("shortDescription").put("text", f.title());
    if (f.message() != null && !f.message().isBlank()) {
      rule.putObject("fullDescription").put("text", f.message());
    }
    String help = f.remediation() != null ? f.remediation() : f.title();
    rule.putObject("help").put("text", help);
    rule.putObject("defaultConfiguration").put("level", f.severity().sarifLevel());
    ObjectNode props = rule.putObject("properties");
    ArrayNode tags = props.putArray("tags");
    boolean security = f.cwe() != null;
    if (security) {
      tags.add("security");
      tags.add("external/cwe/" + f.cwe().toLowerCase(Locale.ROOT));
      if (f.severity() != Severity.INFO) {
        props.put("security-severity", String.format(Locale.ROOT, "%.1f", f.severity().securityScore()));
      }
    }
    if (f.confidence() != null) {
      props.put("precision", f.confidence().sarifPrecision());
    }
    return rule;
  }

  /** A rule name in the PascalCase GitHub shows: {@code py.sql-format} becomes {@code PySqlFormat}. */
  static String ruleName(String ruleId) {
    StringBuilder out = new StringBuilder(ruleId.length());
    boolean upper = true;
    for (char c : ruleId.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return out.length() == 0 ? "Rule" : out.toString();
  }
}
