package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import dev.analyzer.staticanalyzer.source.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * flake8 (pyflakes, pycodestyle, mccabe) with a parseable line format,
 * {@code path:row:col:code:text}, run as {@code flake8 --isolated --format=... .} in its workspace's copy
 * of the Python files: {@code --isolated} ignores every configuration file (so no
 * {@code [flake8:local-plugins]} of the app is imported and no {@code select}/{@code ignore} of the app
 * hides findings); exit 0 and 1 are success. Syntax errors and undefined names are
 * high, other pyflakes findings medium, style low. Thread-safe.
 */
public final class Flake8Tool extends ExternalTool {


  static final List<String> COMMAND = List.of("flake8", "--isolated",
      "--format=%(path)s:%(row)d:%(col)d:%(code)s:%(text)s", ".");

  public Flake8Tool(String version, Duration timeout, ToolSandbox sandbox) {
    super("flake8", "python", Language.PYTHON, version, timeout, sandbox);
  }

  @Override
  ToolRun run(ToolWorkspace ws, AnalysisContext ctx) {
    ProcessResult r = ctx.processes().run(spec(ws, COMMAND));
    Map<String, Object> extra = record(r);
    if (!r.exitedWithOneOf(0, 1)) {
      return ExternalTools.failure(r, "flake8", extra);
    }
    List<Finding> out = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      String[] p = line.split(":", 5);
      if (p.length < 5 || !p[1].matches("\\d+") || !p[2].matches("\\d+")) {
        continue;
      }
      String code = p[3];
      Severity sev = code.startsWith("E9") || code.startsWith("F63") || code.startsWith("F7") || code.startsWith("F82")
          ? Severity.HIGH : code.startsWith("F") ? Severity.MEDIUM : Severity.LOW;
      out.add(Finding.builder("flake8", code).withTitle(code + " " + p[4].strip()).withMessage(p[4].strip())
          .withSeverity(sev).withConfidence(Confidence.HIGH)
          .withLocation(Location.inFile(p[0].replaceFirst("^\\./", ""), Math.max(1, Integer.parseInt(p[1])),
              Math.max(1, Integer.parseInt(p[2]))))
          .build());
    }
    return ToolRun.success(out, extra);
  }
}
