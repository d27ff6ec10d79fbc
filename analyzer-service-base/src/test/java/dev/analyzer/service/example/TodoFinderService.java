package dev.analyzer.service.example;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ServiceLauncher;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.util.ArrayList;
import java.util.List;

/** Finds TODO comments with grep: a complete analyzer service. */
public final class TodoFinderService implements AnalyzerService {
  public String name() { return "todo-finder"; }
  public String version() { return "1.0.0"; }
  public AnalysisKind kind() { return AnalysisKind.STATIC; }
  public List<String> detectTools(ProcessRunner r) { return ProcessRunner.which("grep").stream().map(p -> "grep").toList(); }
  public AnalysisOutcome analyze(AnalysisContext ctx) {
    var source = ctx.sourcePath().orElse(null);
    if (source == null || !source.toFile().isDirectory()) {
      return AnalysisOutcome.error("source_path is missing or not a directory: " + source);
    }
    ctx.progress("grep", "searching for TODO", 0.0);
    var r = ctx.processes().run(ProcessSpec.of("grep", "-rnI", "--", "TODO", ".").inDirectory(source));
    if (!r.exitedWithOneOf(0, 1)) { // grep exits 0 when it found lines, 1 when none
      return AnalysisOutcome.error("grep failed: " + (r.error() != null ? r.error() : r.stderr()));
    }
    List<Finding> findings = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      String[] p = line.split(":", 3); // ./file:line:text
      if (p.length == 3) {
        findings.add(Finding.builder("grep", "todo").withSeverity(Severity.INFO).withTitle("TODO left in code")
            .withLocation(Location.inFile(p[0].substring(2), Integer.parseInt(p[1]), null))
            .withEvidence(p[2].trim()).build());
      }
    }
    ctx.progress("grep", findings.size() + " TODOs", 100.0);
    return AnalysisOutcome.success(Analysis.builder().forRequest(ctx.request()).withAnalysisTime(ctx.clock().instant())
        .withToolResult(null, ToolResult.success("grep", findings, r.duration().toMillis() / 1000.0))
        .withSummary("total_issues_found", findings.size()).withFindings(findings).build());
  }
  public static void main(String[] args) { ServiceLauncher.run(TodoFinderService::new, args); }
}
