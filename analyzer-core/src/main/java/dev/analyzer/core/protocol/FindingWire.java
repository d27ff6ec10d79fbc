package dev.analyzer.core.protocol;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import java.util.Set;

/** The JSON form of {@link Finding} and {@link Location} inside {@code analysis.findings}. */
final class FindingWire {

  static final Set<String> FIELDS = Set.of("fingerprint", "tool", "tools", "rule_id", "severity",
      "confidence", "title", "message", "cwe", "location", "evidence", "remediation");

  private FindingWire() {}

  static Finding read(FieldReader r) {
    String tool = r.string("tool");
    String ruleId = r.string("rule_id");
    String title = r.string("title");
    if (tool == null) {
      throw r.missing("tool", "the tool that reported the finding");
    }
    if (ruleId == null) {
      throw r.missing("rule_id", "the rule that fired");
    }
    String rawSeverity = r.string("severity");
    Severity severity = rawSeverity == null ? Severity.MEDIUM : Severity.fromWire(rawSeverity)
        .orElseThrow(() -> r.invalid("severity", "one of critical, high, medium, low, info",
            com.fasterxml.jackson.databind.node.TextNode.valueOf(rawSeverity)));
    String rawConfidence = r.string("confidence");
    Confidence confidence = rawConfidence == null ? null : Confidence.fromWire(rawConfidence)
        .orElseThrow(() -> r.invalid("confidence", "one of high, medium, low",
            com.fasterxml.jackson.databind.node.TextNode.valueOf(rawConfidence)));
    String cwe = r.string("cwe");
    try {
      cwe = Finding.normalizeCwe(cwe);
    } catch (IllegalArgumentException e) {
      throw r.invalid("cwe", "a CWE id such as CWE-89",
          com.fasterxml.jackson.databind.node.TextNode.valueOf(cwe));
    }
    Location location = r.nested("location", FindingWire::readLocation);
    return new Finding(r.string("fingerprint"), tool, r.stringList("tools"), ruleId, severity, confidence,
        title == null ? ruleId : title, r.string("message"), cwe, location, r.string("evidence"),
        r.string("remediation"), r.rest());
  }

  static Location readLocation(FieldReader r) {
    String file = r.string("file");
    String url = r.string("url");
    if (file == null && url == null) {
      throw r.missing("file", "a location names a file or a url");
    }
    Integer line = positive(r, "line");
    Integer column = positive(r, "column");
    Integer endLine = positive(r, "end_line");
    Integer endColumn = positive(r, "end_column");
    return new Location(file, line, column, endLine, endColumn, url, r.string("method"),
        r.string("parameter"));
  }

  private static Integer positive(FieldReader r, String field) {
    Integer v = r.integer(field);
    if (v != null && v < 1) {
      throw r.invalid(field, "a positive integer",
          com.fasterxml.jackson.databind.node.IntNode.valueOf(v));
    }
    return v;
  }

  static void write(Finding f, FieldWriter w) {
    w.string("fingerprint", f.fingerprint()).string("tool", f.tool()).value("tools", f.tools())
        .string("rule_id", f.ruleId()).wire("severity", f.severity()).wire("confidence", f.confidence())
        .string("title", f.title()).string("message", f.message()).string("cwe", f.cwe())
        .nested("location", f.location(), FindingWire::writeLocation)
        .string("evidence", f.evidence()).string("remediation", f.remediation()).extra(f.extra());
  }

  static void writeLocation(Location l, FieldWriter w) {
    w.string("file", l.file()).value("line", l.line()).value("column", l.column())
        .value("end_line", l.endLine()).value("end_column", l.endColumn()).string("url", l.url())
        .string("method", l.method()).string("parameter", l.parameter());
  }
}
