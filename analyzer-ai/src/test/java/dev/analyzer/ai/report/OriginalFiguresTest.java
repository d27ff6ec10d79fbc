package dev.analyzer.ai.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.ai.original.OriginalManagerReader;
import dev.analyzer.ai.quality.MetricResult;
import dev.analyzer.ai.quality.QualityMetric;
import dev.analyzer.ai.quality.QualitySummary;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The original's manager counts a failed heavy metric once, as we do, wherever it takes the figure from. */
class OriginalFiguresTest {

  private static MetricResult metric(QualityMetric m, double score) {
    return new MetricResult(m, score, "LOW", List.of("seen"), List.of(), List.of(), "code-facts");
  }

  @Test
  void aFailedHeavyMetricCountsOnceForTheOriginalAsForUs() {
    List<MetricResult> metrics = List.of(metric(QualityMetric.ERROR_HANDLING, 10), metric(QualityMetric.DOCUMENTATION,
        20), metric(QualityMetric.TYPE_SAFETY, 80));
    AiResultAssembler a = new AiResultAssembler();
    a.quality(metrics);
    a.add(new ToolOutcome("code-quality-analyzer", ToolStatus.SUCCESS, Map.of("results", Map.of("quality_metrics",
        metrics.stream().map(MetricResult::toMap).toList(), "summary", QualitySummary.summary(metrics))), null, 0.1, 2));

    Analysis analysis = a.build(AnalysisRequest.builder(AnalysisKind.AI).build(), Instant.EPOCH, null, List.of(),
        "success", Map.of());

    @SuppressWarnings("unchecked")
    Map<String, Object> figures = (Map<String, Object>) ((Map<String, Object>) analysis.extra().get("tool_results"))
        .get("code-quality-analyzer");
    assertThat(figures).containsEntry("total_issues", 2).containsEntry("findings_count", 2)
        .containsEntry("status", "success");
    assertThat(analysis.findings()).hasSize(2);
    OriginalManagerReader.Reading r = OriginalManagerReader.fallback(new ObjectMapper().valueToTree(
        Map.of("analysis", Map.of("tools", analysis.extra().get("tools")))));
    assertThat(r.totalIssues()).containsEntry("code-quality-analyzer", 2);
    OriginalManagerReader.Reading all = OriginalManagerReader.fallback(new ObjectMapper().valueToTree(
        Map.of("analysis", Map.of("results", analysis.results(), "tool_results", analysis.extra().get("tool_results")))));
    assertThat(all.findings()).hasSize(2);
    assertThat(all.totalIssues()).containsEntry("code-quality-analyzer", 2);
  }
}
