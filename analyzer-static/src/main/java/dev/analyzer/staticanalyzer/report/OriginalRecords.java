package dev.analyzer.staticanalyzer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.sarif.SarifWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The building blocks of the original's record shapes (original-analyzer.md §1.1): one finding in
 * the original parsers' issue shape {@code {file, line, column, severity, confidence, message, rule,
 * rule_id, rule_name, code_snippet, more_info, cwe}} (severity folded to high/medium/low; ours kept as
 * {@code analyzer_severity}, plus the {@code fingerprint}), and a one-run SARIF 2.1.0 document of a
 * tool; {@link ManagerIssues} and {@link ManagerLayout} put them together. Stateless.
 */
public final class OriginalRecords {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OriginalRecords() {}

  /** One finding in the original parsers' issue shape. */
  public static Map<String, Object> issue(Finding f) {
    Location loc = f.location();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", loc == null ? null : loc.isFile() ? loc.file() : loc.url());
    m.put("line", loc == null ? null : loc.line());
    m.put("column", loc == null ? null : loc.column());
    m.put("severity", OriginalVocabulary.severity(f.severity()));
    m.put("confidence", f.confidence() == null ? null : f.confidence().wire());
    m.put("message", f.message() != null ? f.message() : f.title());
    m.put("rule", f.ruleId());
    m.put("rule_id", f.ruleId());
    m.put("rule_name", f.title());
    m.put("code_snippet", f.evidence());
    m.put("more_info", f.remediation());
    m.put("cwe", f.cwe());
    m.put("analyzer_severity", f.severity().wire());
    m.put("fingerprint", f.fingerprint());
    return m;
  }

  /** {@code findings} in the issue shape, in order. */
  public static List<Object> issues(List<Finding> findings) {
    List<Object> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      out.add(issue(f));
    }
    return out;
  }

  /**
   * A SARIF 2.1.0 document with one run, of {@code tool}, holding {@code findings} (every one filed
   * under {@code tool}, whatever tool first reported it), with data-flow traces as {@code codeFlows}.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> sarif(String tool, String version, List<Finding> findings) {
    List<Finding> own = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      own.add(f.tool().equals(tool) ? f : new Finding(f.fingerprint(), tool, f.tools(), f.ruleId(), f.severity(),
          f.confidence(), f.title(), f.message(), f.cwe(), f.location(), f.evidence(), f.remediation(), f.extra()));
    }
    ObjectNode doc = SarifWriter.builder().withCategory("static").withTool(tool, version, null).build().toTree(own);
    ArrayNode runs = (ArrayNode) doc.get("runs");
    if (runs.isEmpty()) {
      ObjectNode run = runs.addObject();
      ObjectNode driver = run.putObject("tool").putObject("driver");
      driver.put("name", tool);
      if (version != null) {
        driver.put("version", version);
      }
      driver.putArray("rules");
      run.put("columnKind", "unicodeCodePoints");
      run.putObject("automationDetails").put("id", "static/" + tool + "/");
      run.putArray("results");
    }
    return MAPPER.convertValue(CodeFlows.add(doc, own), Map.class);
  }
}
