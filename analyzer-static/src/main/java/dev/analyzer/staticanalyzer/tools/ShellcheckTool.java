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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * shellcheck over the tree's shell scripts, {@code shellcheck --norc -f json1 -- <files>} in its
 * workspace's copy of them: {@code --norc} reads no {@code .shellcheckrc} (the app's could turn on
 * {@code external-sources} and a {@code source-path} outside the root, or disable checks), and without
 * {@code -x} no sourced file is opened. Exit 0 and 1 are success. Thread-safe.
 */
public final class ShellcheckTool extends ExternalTool {

  private static final int MAX_FILES = 200;


  /** The command line for {@code files}. */
  static List<String> command(List<String> files) {
    List<String> cmd = new ArrayList<>(List.of("shellcheck", "--norc", "-f", "json1", "--"));
    cmd.addAll(files);
    return cmd;
  }

  public ShellcheckTool(String version, Duration timeout, ToolSandbox sandbox) {
    this(version, timeout, sandbox, null);
  }

  /** With {@code executable} started in place of {@code shellcheck} (null: {@code shellcheck} on PATH). */
  public ShellcheckTool(String version, Duration timeout, ToolSandbox sandbox, String executable) {
    super("shellcheck", "shell", Language.SHELL, version, timeout, sandbox, executable);
  }

  @Override
  ToolRun run(ToolWorkspace ws, AnalysisContext ctx) {
    ProcessResult r = ctx.processes().run(spec(ws, command(ws.fileArguments(MAX_FILES))));
    Map<String, Object> extra = record(ws, r);
    if (!r.exitedWithOneOf(0, 1)) {
      return failure(ws, r, extra);
    }
    if (ExternalTools.reportMissing(r)) {
      return ExternalTools.crash("shellcheck", ws.hidePaths(r.stderr()), r.exitCode(), extra);
    }
    try {
      List<Finding> out = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(r.stdout()).path("comments")) {
        String level = c.path("level").asText();
        Severity sev = level.equals("error") ? Severity.HIGH : level.equals("warning") ? Severity.MEDIUM
            : level.equals("info") ? Severity.LOW : Severity.INFO;
        out.add(Finding.builder("shellcheck", "SC" + c.path("code").asInt()).withTitle(c.path("message").asText())
            .withSeverity(sev).withConfidence(Confidence.HIGH)
            .withLocation(Location.inFile(c.path("file").asText().replaceFirst("^\\./", ""), Math.max(1, c.path("line").asInt(1)),
                Math.max(1, c.path("column").asInt(1))))
            .withRemediation("https://www.shellcheck.net/wiki/SC" + c.path("code").asInt()).build());
      }
      return ToolRun.success(out, extra);
    } catch (Exception e) {
      return ToolRun.failed(ToolStatus.ERROR, "shellcheck output could not be read: " + e.getMessage(), extra);
    }
  }
}
