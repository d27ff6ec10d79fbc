package dev.analyzer.staticanalyzer.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import dev.analyzer.staticanalyzer.source.Language;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bandit (Debian's python3-bandit or any other), run as
 * {@code bandit -f json -q --ini <ours> -r .} in its workspace's copy of the Python files: the
 * service's own (empty) {@code --ini} file stops bandit from reading a {@code .bandit} of the app
 * (which could skip tests, exclude directories or, with two of them, stop bandit), and no {@code -c}
 * is given, so no {@code pyproject.toml}/YAML configuration is read. Exit 0 (clean) and 1 (issues) are both success. bandit 1.6 reports no CWE, so
 * its test ids are mapped to the CWE ruff and newer bandit use. Thread-safe.
 */
public final class BanditTool extends ExternalTool {

  static final Map<String, String> CWE = Map.ofEntries(Map.entry("B102", "CWE-78"), Map.entry("B104", "CWE-605"),
      Map.entry("B105", "CWE-798"), Map.entry("B106", "CWE-798"), Map.entry("B107", "CWE-798"),
      Map.entry("B108", "CWE-377"), Map.entry("B201", "CWE-489"), Map.entry("B301", "CWE-502"),
      Map.entry("B303", "CWE-327"), Map.entry("B306", "CWE-377"), Map.entry("B307", "CWE-95"),
      Map.entry("B311", "CWE-330"), Map.entry("B314", "CWE-611"), Map.entry("B320", "CWE-611"),
      Map.entry("B324", "CWE-327"), Map.entry("B403", "CWE-502"), Map.entry("B404", "CWE-78"),
      Map.entry("B501", "CWE-295"), Map.entry("B506", "CWE-502"), Map.entry("B602", "CWE-78"),
      Map.entry("B603", "CWE-78"), Map.entry("B604", "CWE-78"), Map.entry("B605", "CWE-78"),
      Map.entry("B607", "CWE-78"), Map.entry("B608", "CWE-89"), Map.entry("B701", "CWE-79"),
      Map.entry("B702", "CWE-79"), Map.entry("B703", "CWE-79"));


  public BanditTool(String version, Duration timeout, ToolSandbox sandbox) {
    this(version, timeout, sandbox, null);
  }

  /** With {@code executable} started in place of {@code bandit} (null: {@code bandit} on PATH). */
  public BanditTool(String version, Duration timeout, ToolSandbox sandbox, String executable) {
    super("bandit", "python", Language.PYTHON, version, timeout, sandbox, executable);
  }

  @Override
  ToolRun run(ToolWorkspace ws, AnalysisContext ctx) throws IOException {
    Path ini = ws.writeConfig("bandit.ini", "[bandit]\n");
    ProcessResult r = ctx.processes().run(spec(ws, command(ini)));
    Map<String, Object> extra = record(ws, r);
    if (!r.exitedWithOneOf(0, 1)) {
      return failure(ws, r, extra);
    }
    if (ExternalTools.reportMissing(r)) {
      return ExternalTools.crash("bandit", ws.hidePaths(r.stderr()), r.exitCode(), extra);
    }
    List<Finding> found;
    try {
      found = parse(r.stdout());
    } catch (Exception e) {
      return ToolRun.failed(ToolStatus.ERROR, "bandit output could not be read: " + e.getMessage(), extra);
    }
    if (found.isEmpty() && ExternalTools.crashed(r.stderr())) {
      return ExternalTools.crash("bandit", ws.hidePaths(r.stderr()), r.exitCode(), extra);
    }
    return ToolRun.success(found, extra);
  }

  /** The command line, given the service's ini file. */
  static List<String> command(Path ini) {
    return List.of("bandit", "-f", "json", "-q", "--ini", ini.toString(), "-r", ".");
  }

  static List<Finding> parse(String json) throws Exception {
    List<Finding> out = new ArrayList<>();
    if (json.isBlank()) {
      return out;
    }
    JsonNode root = new ObjectMapper().readTree(json);
    for (JsonNode r : root.path("results")) {
      String testId = r.path("test_id").asText();
      String file = r.path("filename").asText().replaceFirst("^\\./", "");
      String cwe = r.path("issue_cwe").path("id").isInt() ? "CWE-" + r.path("issue_cwe").path("id").asInt()
          : CWE.get(testId);
      out.add(Finding.builder("bandit", testId).withTitle(r.path("test_name").asText(testId))
          .withMessage(r.path("issue_text").asText())
          .withSeverity(Severity.fromToolLevel(r.path("issue_severity").asText()))
          .withConfidence(Confidence.fromWire(r.path("issue_confidence").asText()).orElse(null))
          .withCwe(cwe).withLocation(Location.inFile(file, Math.max(1, r.path("line_number").asInt(1)),
              r.path("col_offset").isInt() ? r.path("col_offset").asInt() + 1 : null))
          .withEvidence(codeLine(r.path("code").asText(), r.path("line_number").asInt(-1)))
          .withRemediation(r.path("more_info").asText(null)).build());
    }
    return out;
  }

  /**
   * The issue's own line of bandit's {@code code} excerpt (each line starts with its number; the
   * excerpt starts with context lines before the issue), else its first non-blank line.
   */
  static String codeLine(String code, int lineNumber) {
    String prefix = lineNumber + " ";
    for (String line : code.split("\n")) {
      if (line.startsWith(prefix) || line.equals(String.valueOf(lineNumber))) {
        String t = line.substring(Math.min(line.length(), prefix.length())).strip();
        if (!t.isEmpty()) {
          return t.length() > 200 ? t.substring(0, 200) : t;
        }
      }
    }
    return firstCodeLine(code);
  }

  private static String firstCodeLine(String code) {
    for (String line : code.split("\n")) {
      String t = line.replaceFirst("^\\d+\\s?", "").strip();
      if (!t.isEmpty()) {
        return t.length() > 200 ? t.substring(0, 200) : t;
      }
    }
    return null;
  }
}
