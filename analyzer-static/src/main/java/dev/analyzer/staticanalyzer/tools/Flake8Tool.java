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
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;

/**
 * flake8 (pyflakes, pycodestyle, mccabe) with a parseable line format,
 * {@code path:row:col:code:text}, run as {@code flake8 --isolated --format=... .} in its workspace's copy
 * of the Python files: {@code --isolated} ignores every configuration file (so no
 * {@code [flake8:local-plugins]} of the app is imported and no {@code select}/{@code ignore} of the app
 * hides findings); exit 0 and 1 are success, but exit 1 without one parseable finding, or a
 * Python traceback without findings, is a crash ({@code error} with the stderr tail). Syntax errors and undefined names are
 * high, other pyflakes findings medium, style low. Thread-safe.
 */
public final class Flake8Tool extends ExternalTool {


  static final List<String> COMMAND = List.of("flake8", "--isolated",
      "--format=%(path)s:%(row)d:%(col)d:%(code)s:%(text)s", ".");

  private static final Pattern REST = Pattern.compile("(\\d{1,9}):(\\d{1,9}):([A-Z]+[0-9]*):(.*)");

  /**
   * The parts of an output line (path, row, col, code, text) whose path is one of the copied
   * {@code files}: a file name may itself hold {@code :12:3:E999:}, so the path is the copied file
   * the line starts with (the longest one, when several are), not the text before the first colon;
   * other lines are ignored.
   */
  static Matcher locate(String line, Set<String> files) {
    if (!line.startsWith("./")) {
      return null;
    }
    String path = null;
    for (int colon = line.indexOf(':', 2); colon > 0; colon = line.indexOf(':', colon + 1)) {
      String candidate = line.substring(2, colon);
      if (files.contains(candidate) && REST.matcher(line.substring(colon + 1)).matches()) {
        path = candidate;
      }
    }
    if (path == null) {
      return null;
    }
    Matcher m = Pattern.compile("\\./(" + Pattern.quote(path) + "):" + REST.pattern()).matcher(line);
    return m.matches() ? m : null;
  }

  public Flake8Tool(String version, Duration timeout, ToolSandbox sandbox) {
    this(version, timeout, sandbox, null);
  }

  /** With {@code executable} started in place of {@code flake8} (null: {@code flake8} on PATH). */
  public Flake8Tool(String version, Duration timeout, ToolSandbox sandbox, String executable) {
    super("flake8", "python", Language.PYTHON, version, timeout, sandbox, executable);
  }

  @Override
  ToolRun run(ToolWorkspace ws, AnalysisContext ctx) {
    ProcessResult r = ctx.processes().run(spec(ws, COMMAND));
    Map<String, Object> extra = record(ws, r);
    if (!r.exitedWithOneOf(0, 1)) {
      return failure(ws, r, extra);
    }
    List<Finding> out = new ArrayList<>();
    Set<String> files = new HashSet<>(ws.files());
    for (String line : r.stdout().split("\n")) {
      Matcher m = locate(line, files);
      if (m == null) {
        continue;
      }
      String code = m.group(4);
      String text = m.group(5).strip();
      Severity sev = code.startsWith("E9") || code.startsWith("F63") || code.startsWith("F7") || code.startsWith("F82")
          ? Severity.HIGH : code.startsWith("F") ? Severity.MEDIUM : Severity.LOW;
      out.add(Finding.builder("flake8", code).withTitle(code + " " + text).withMessage(text)
          .withSeverity(sev).withConfidence(Confidence.HIGH)
          .withLocation(Location.inFile(m.group(1), Math.max(1, Integer.parseInt(m.group(2))),
              Math.max(1, Integer.parseInt(m.group(3)))))
          .build());
    }
    if (out.isEmpty() && (r.exitCode() != null && r.exitCode() == 1 || ExternalTools.crashed(r.stderr()))) {
      return ExternalTools.crash("flake8", ws.hidePaths(r.stderr()), r.exitCode(), extra);
    }
    return ToolRun.success(out, extra);
  }
}
