package dev.analyzer.service.testing;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A static-analysis service whose behaviour each request picks with {@code config.mode}:
 * <ul>
 *   <li>{@code quick} (default): two progress frames, one finding, success</li>
 *   <li>{@code tree}: runs {@link Pids#treeCommand} writing pids to {@code config.pid_file}, then waits</li>
 *   <li>{@code sleep}: waits {@code config.millis} (default forever) ignoring nothing but cancellation</li>
 *   <li>{@code silent}: like sleep, without any progress frame (a hung service)</li>
 *   <li>{@code stubborn}: ignores cancellation and the interrupt, returns after {@code config.millis}</li>
 *   <li>{@code throw}: throws an exception with a message</li>
 *   <li>{@code big}: returns a finding whose evidence is {@code config.bytes} long</li>
 *   <li>{@code env}: runs {@code env} and returns its output as the evidence of one finding</li>
 *   <li>{@code gated}: records its id in {@link #startOrder}, then waits for a permit of {@link #gate}
 *       (or its cancellation), then succeeds</li>
 *   <li>{@code source}: returns {@link AnalysisContext#sourcePath()} as the evidence of one finding</li>
 * </ul>
 */
public final class ScriptedService implements AnalyzerService {

  public final CountDownLatch started = new CountDownLatch(1);
  /** Analyses started on this instance. */
  public final java.util.concurrent.atomic.AtomicInteger analyses = new java.util.concurrent.atomic.AtomicInteger();
  /** Ids of the {@code gated} analyses, in the order their code started. */
  public final List<String> startOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Each {@code gated} analysis takes one permit before it returns. */
  public final java.util.concurrent.Semaphore gate = new java.util.concurrent.Semaphore(0);

  @Override
  public String name() {
    return "scripted-analyzer";
  }

  @Override
  public String version() {
    return "9.9.9";
  }

  @Override
  public AnalysisKind kind() {
    return AnalysisKind.STATIC;
  }

  @Override
  public List<String> detectTools(ProcessRunner runner) {
    return runner.run(ProcessSpec.of("sh", "--version")).termination() != null ? List.of("sh", "builtin") : List.of();
  }

  @Override
  public AnalysisOutcome analyze(AnalysisContext ctx) throws Exception {
    started.countDown();
    analyses.incrementAndGet();
    Map<String, Object> config = ctx.request().config();
    String mode = String.valueOf(config.getOrDefault("mode", "quick"));
    long millis = config.get("millis") instanceof Number ? ((Number) config.get("millis")).longValue() : Long.MAX_VALUE;
    switch (mode) {
      case "tree":
        ctx.progress("tool_started", "starting the tree", 10.0);
        ctx.processes().run(ProcessSpec.of(Pids.treeCommand(Path.of((String) config.get("pid_file"))))
            .withTimeout(Duration.ofMinutes(10)));
        return AnalysisOutcome.error("tree ended");
      case "silent":
        Thread.sleep(Math.min(millis, TimeUnit.MINUTES.toMillis(10)));
        return AnalysisOutcome.success(analysis(ctx, List.of()));
      case "sleep":
        ctx.progress("sleeping", "sleeping", 0.0);
        Thread.sleep(Math.min(millis, TimeUnit.MINUTES.toMillis(10)));
        return AnalysisOutcome.success(analysis(ctx, List.of()));
      case "stubborn":
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
          try {
            Thread.sleep(10);
          } catch (InterruptedException ignored) {
            // deliberately ignored
          }
        }
        return AnalysisOutcome.success(analysis(ctx, List.of()));
      case "env":
        return AnalysisOutcome.success(analysis(ctx, List.of(finding(ctx.processes().run(ProcessSpec.of("env")).stdout()))));
      case "gated":
        startOrder.add(ctx.analysisId());
        gate.acquire();
        return AnalysisOutcome.success(analysis(ctx, List.of()));
      case "source":
        return AnalysisOutcome.success(analysis(ctx, List.of(finding(String.valueOf(ctx.sourcePath().orElse(null))))));
      case "throw":
        throw new IllegalStateException("the tool's output could not be parsed");
      case "big":
        int bytes = ((Number) config.get("bytes")).intValue();
        return AnalysisOutcome.success(analysis(ctx, List.of(finding("x".repeat(bytes)))));
      default:
        ctx.progress("tool_started", "secrets: scanning", 0.0, 0, 1);
        ctx.progress("tool_finished", "secrets: 1 issue", 100.0, 1, 1);
        return AnalysisOutcome.success(analysis(ctx, List.of(finding("password = 'hunter2'"))));
    }
  }

  private static Finding finding(String evidence) {
    return Finding.builder("builtin", "hardcoded-password").withSeverity(Severity.HIGH).withTitle("Hardcoded password")
        .withCwe("798").withLocation(Location.inFile("app.py", 3, 1)).withEvidence(evidence).build();
  }

  private static Analysis analysis(AnalysisContext ctx, List<Finding> findings) {
    return new Analysis(ctx.request().modelSlug(), ctx.request().appNumber(), ctx.clock().instant().toString(),
        "success", List.of("builtin"), Map.of(), Map.of("total_issues_found", findings.size()), findings, null, null);
  }
}
