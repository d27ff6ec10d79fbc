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
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceFile;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pylint (quality checks) over up to {@value #MAX_FILES} Python files, {@code --output-format=json}.
 * pylint's exit status is a bit field of message kinds, so any status below 32 (usage error) with
 * JSON output is success; severities follow the original (fatal/error high, warning medium, others
 * low). Thread-safe.
 */
public final class PylintTool extends ExternalTool {

  static final int MAX_FILES = 200;


  public PylintTool(String version, Duration timeout) {
    super("pylint", "python", Language.PYTHON, version, timeout);
  }

  @Override
  public ToolRun run(SourceTree tree, AnalysisContext ctx) {
    List<String> cmd = new ArrayList<>(List.of("pylint", "--output-format=json", "--score=n", "--persistent=n",
        "--jobs=1", "--"));
    List<SourceFile> files = tree.files(Language.PYTHON);
    for (SourceFile f : files.subList(0, Math.min(MAX_FILES, files.size()))) {
      cmd.add(f.path());
    }
    ProcessResult r = ctx.processes().run(ProcessSpec.of(cmd).inDirectory(tree.root()).withTimeout(timeout)
        .withEnv("PYLINTHOME", System.getProperty("java.io.tmpdir") + "/analyzer-pylint"));
    Map<String, Object> extra = ExternalTools.record(r);
    if (r.termination() != ProcessResult.Termination.EXITED || r.exitCode() == null || r.exitCode() >= 32) {
      return ExternalTools.failure(r, "pylint", extra);
    }
    try {
      List<Finding> out = new ArrayList<>();
      for (JsonNode m : new ObjectMapper().readTree(r.stdout().isBlank() ? "[]" : r.stdout())) {
        String type = m.path("type").asText();
        Severity sev = type.equals("fatal") || type.equals("error") ? Severity.HIGH
            : type.equals("warning") ? Severity.MEDIUM : Severity.LOW;
        out.add(Finding.builder("pylint", m.path("message-id").asText("pylint"))
            .withTitle(m.path("symbol").asText() + ": " + m.path("message").asText())
            .withMessage(m.path("message").asText()).withSeverity(sev).withConfidence(Confidence.HIGH)
            .withLocation(Location.inFile(m.path("path").asText().replace('\\', '/'), Math.max(1, m.path("line").asInt(1)),
                m.path("column").asInt(0) + 1))
            .withExtra("symbol", m.path("symbol").asText()).build());
      }
      return ToolRun.success(out, extra);
    } catch (Exception e) {
      return ToolRun.failed(ToolStatus.ERROR, "pylint output could not be read: " + e.getMessage(), extra);
    }
  }
}
