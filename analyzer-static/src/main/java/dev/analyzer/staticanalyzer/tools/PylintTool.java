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
 * pylint (quality checks) over up to {@value #MAX_FILES} Python files, {@code --output-format=json},
 * in its workspace's copy of the Python files, with the service's own {@code --rcfile} (also given as
 * {@code PYLINTRC}): no {@code .pylintrc}, {@code pyproject.toml}, {@code setup.cfg} or {@code tox.ini}
 * of the app is read, so no {@code init-hook} or {@code load-plugins} of the app runs; C extensions
 * are never loaded ({@code unsafe-load-any-extension=no}, empty allow-list).
 * pylint's exit status is a bit field of message kinds, so any status below 32 (usage error) with
 * JSON output is success; severities follow the original (fatal/error high, warning medium, others
 * low). Thread-safe.
 */
public final class PylintTool extends ExternalTool {

  static final int MAX_FILES = 200;


  static final String RCFILE = "[MAIN]\nload-plugins=\nunsafe-load-any-extension=no\n"
      + "extension-pkg-allow-list=\npersistent=no\njobs=1\n";

  /** The command line, given the service's rcfile and the files to check. */
  static List<String> command(Path rcfile, List<String> files) {
    List<String> cmd = new ArrayList<>(List.of("pylint", "--rcfile=" + rcfile, "--output-format=json", "--score=n",
        "--persistent=n", "--jobs=1", "--"));
    cmd.addAll(files);
    return cmd;
  }

  public PylintTool(String version, Duration timeout, ToolSandbox sandbox) {
    this(version, timeout, sandbox, null);
  }

  /** With {@code executable} started in place of {@code pylint} (null: {@code pylint} on PATH). */
  public PylintTool(String version, Duration timeout, ToolSandbox sandbox, String executable) {
    super("pylint", "python", Language.PYTHON, version, timeout, sandbox, executable);
  }

  /** pylint puts the linted directories on sys.path and astroid imports modules (brain_gi): app code runs. */
  @Override
  public boolean importsAnalysedCode() {
    return true;
  }

  @Override
  ToolRun run(ToolWorkspace ws, AnalysisContext ctx) throws IOException {
    Path rc = ws.writeConfig("pylintrc", RCFILE);
    ProcessResult r = ctx.processes().run(spec(ws, command(rc, ws.fileArguments(MAX_FILES)))
        .withEnv("PYLINTRC", rc.toString()).withEnv("PYLINTHOME", ws.home().resolve("pylint").toString()));
    Map<String, Object> extra = record(ws, r);
    if (r.termination() != ProcessResult.Termination.EXITED || r.exitCode() == null || r.exitCode() >= 32) {
      return failure(ws, r, extra);
    }
    if (r.stdout().isBlank() && (r.exitCode() != 0 || ExternalTools.crashed(r.stderr()))) {
      return ExternalTools.crash("pylint", ws.hidePaths(r.stderr()), r.exitCode(), extra);
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
            .withLocation(Location.inFile(m.path("path").asText().replace('\\', '/').replaceFirst("^\\./", ""), Math.max(1, m.path("line").asInt(1)),
                m.path("column").asInt(0) + 1))
            .withExtra("symbol", m.path("symbol").asText()).build());
      }
      if (out.isEmpty() && ExternalTools.crashed(r.stderr())) {
        return ExternalTools.crash("pylint", ws.hidePaths(r.stderr()), r.exitCode(), extra);
      }
      return ToolRun.success(out, extra);
    } catch (Exception e) {
      return ToolRun.failed(ToolStatus.ERROR, "pylint output could not be read: " + e.getMessage(), extra);
    }
  }
}
