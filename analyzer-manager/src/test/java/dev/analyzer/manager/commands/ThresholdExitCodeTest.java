package dev.analyzer.manager.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.report.Consolidated;
import dev.analyzer.manager.run.AnalysisRun;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.manager.run.ServiceOutcome;
import dev.analyzer.manager.services.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failed load-test threshold fails the run (exit 1, k6 style) and is named; passed ones do not. */
class ThresholdExitCodeTest {

  private static final ServiceSpec PERF = ServiceSpec.named("performance").orElseThrow();
  private static final AnalyzeOptions OPTIONS = new AnalyzeOptions(null, List.of("http://127.0.0.1:5000"),
      List.of(PERF), "m", 1, List.of(), null, null, false, Map.of());

  @Test
  void aFailedThresholdGivesExitOneAndIsNamed() {
    Consolidated c = Consolidated.of(run(false, List.of("http://127.0.0.1:5000: p95 < 200ms (actual 812.4)")));

    assertThat(RunSupport.exitCode(c, OPTIONS)).isEqualTo(ExitCodes.FINDINGS);
    assertThat(RunSupport.failedThresholds(c)).containsExactly("http://127.0.0.1:5000: p95 < 200ms (actual 812.4)");
  }

  @Test
  void passedThresholdsLeaveTheRunClean() {
    Consolidated c = Consolidated.of(run(true, List.of()));

    assertThat(RunSupport.exitCode(c, OPTIONS)).isEqualTo(ExitCodes.OK);
    assertThat(RunSupport.failedThresholds(c)).isEmpty();
  }

  private static AnalysisRun.Report run(boolean passed, List<String> failed) {
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.PERFORMANCE).withModelSlug("m").withAppNumber(1)
        .withTargetUrls(List.of("http://127.0.0.1:5000")).build();
    Analysis a = Analysis.builder().forRequest(req).withStatus("success").withSummary("thresholds_checked", 1)
        .withSummary("thresholds_passed", passed).withSummary("thresholds_failed", failed).build();
    AnalysisResult r = AnalysisResult.of(req, "performance-tester", Instant.now(), ResultStatus.SUCCESS, a, null);
    return new AnalysisRun.Report("analysis_t", OPTIONS, Instant.now(), Instant.now(),
        List.of(ServiceOutcome.of(PERF, r, Duration.ofSeconds(1))));
  }
}
