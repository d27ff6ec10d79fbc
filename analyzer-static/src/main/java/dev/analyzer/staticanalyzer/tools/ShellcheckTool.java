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

/** shellcheck over the tree's shell scripts ({@code -f json1}); exit 0 and 1 are success. Thread-safe. */
public final class ShellcheckTool extends ExternalTool {

  private static final int MAX_FILES = 200;


  public ShellcheckTool(String version, Duration timeout) {
    super("shellcheck", "shell", Language.SHELL, version, timeout);
  }

  @Override
  public ToolRun run(SourceTree tree, AnalysisContext ctx) {
    List<String> cmd = new ArrayList<>(List.of("shellcheck", "-f", "json1", "--"));
    List<SourceFile> files = tree.files(Language.SHELL);
    for (SourceFile f : files.subList(0, Math.min(MAX_FILES, files.size()))) {
      cmd.add(f.path());
    }
    ProcessResult r = ctx.processes().run(ProcessSpec.of(cmd).inDirectory(tree.root()).withTimeout(timeout));
    Map<String, Object> extra = ExternalTools.record(r);
    if (!r.exitedWithOneOf(0, 1)) {
      return ExternalTools.failure(r, "shellcheck", extra);
    }
    try {
      List<Finding> out = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(r.stdout()).path("comments")) {
        String level = c.path("level").asText();
        Severity sev = level.equals("error") ? Severity.HIGH : level.equals("warning") ? Severity.MEDIUM
            : level.equals("info") ? Severity.LOW : Severity.INFO;
        out.add(Finding.builder("shellcheck", "SC" + c.path("code").asInt()).withTitle(c.path("message").asText())
            .withSeverity(sev).withConfidence(Confidence.HIGH)
            .withLocation(Location.inFile(c.path("file").asText(), Math.max(1, c.path("line").asInt(1)),
                Math.max(1, c.path("column").asInt(1))))
            .withRemediation("https://www.shellcheck.net/wiki/SC" + c.path("code").asInt()).build());
      }
      return ToolRun.success(out, extra);
    } catch (Exception e) {
      return ToolRun.failed(ToolStatus.ERROR, "shellcheck output could not be read: " + e.getMessage(), extra);
    }
  }
}
