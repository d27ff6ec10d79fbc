package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.staticanalyzer.report.ResultAssembler;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the selected tools of one analysis at once on the service's workers, streams a progress
 * frame as each starts and finishes (with counts), and adds each tool's record to the report in
 * run order. A tool that throws is recorded as {@code error}, never lost. Stateless.
 */
public final class ParallelToolRun {

  private ParallelToolRun() {}

  /**
   * Runs {@code toRun} over {@code tree} and adds their records to {@code report}; returns when all
   * have finished.
   */
  public static void runAll(List<StaticTool> toRun, SourceTree tree, AnalysisContext ctx, ResultAssembler report,
      Executor workers) throws InterruptedException, ExecutionException {
    int total = toRun.size();
    AtomicInteger done = new AtomicInteger();
    List<CompletableFuture<ResultAssembler.Entry>> futures = new ArrayList<>();
    for (StaticTool t : toRun) {
      futures.add(CompletableFuture.supplyAsync(() -> runOne(t, tree, ctx, done, total), workers));
    }
    for (CompletableFuture<ResultAssembler.Entry> f : futures) {
      report.add(f.get());
    }
  }

  private static ResultAssembler.Entry runOne(StaticTool t, SourceTree tree, AnalysisContext ctx, AtomicInteger done,
      int total) {
    ctx.progress("tool_started", t.name() + ": running", 100.0 * done.get() / Math.max(1, total), done.get(), total);
    long start = System.nanoTime();
    ToolRun run;
    try {
      run = t.run(tree, ctx);
    } catch (RuntimeException e) {
      run = ToolRun.failed(ToolStatus.ERROR, t.name() + " failed: " + e.getMessage(), Map.of());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ToolResult result = run.status() == ToolStatus.SUCCESS
        ? withExtra(ToolResult.success(t.name(), run.findings(), seconds), run.extra(), t.version())
        : new ToolResult(t.name(), run.status(), true, 0, Map.of(), List.of(), seconds, run.error(), run.extra());
    int n = done.incrementAndGet();
    ctx.progress("tool_finished", t.name() + ": " + (run.status() == ToolStatus.SUCCESS
        ? run.findings().size() + " issues" : run.status().wire() + (run.error() == null ? "" : " (" + run.error() + ")")),
        100.0 * n / Math.max(1, total), n, total);
    return new ResultAssembler.Entry(t.name(), t.group(), t.version(), result, run.findings());
  }

  private static ToolResult withExtra(ToolResult r, Map<String, Object> extra, String version) {
    Map<String, Object> e = new LinkedHashMap<>(extra);
    if (version != null) {
      e.put("version", version);
    }
    return new ToolResult(r.tool(), r.status(), r.executed(), r.totalIssues(), r.severityBreakdown(), r.issues(),
        r.durationSeconds(), r.error(), e);
  }
}
