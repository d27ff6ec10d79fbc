package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.process.ProcessResult;
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * flake8 (pyflakes, pycodestyle, mccabe) with a parseable line format,
 * {@code path:row:col:code:text}; exit 0 and 1 are success. Syntax errors and undefined names are
 * high, other pyflakes findings medium, style low. Thread-safe.
 */
public final class Flake8Tool extends ExternalTool {


  public Flake8Tool(String version, Duration timeout) {
    super("flake8", "python", Language.PYTHON, version, timeout);
  }

  @Override
  public ToolRun run(SourceTree tree, AnalysisContext ctx) {
    ProcessResult r = ctx.processes().run(ProcessSpec.of("flake8", "--format=%(path)s:%(row)d:%(col)d:%(code)s:%(text)s",
        "--exclude=" + String.join(",", SourceTree.IGNORED_DIRECTORIES), ".").inDirectory(tree.root()).withTimeout(timeout));
    Map<String, Object> extra = ExternalTools.record(r);
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
