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

/** tool_results carries the figure the original's manager computes, our count beside it. */
class OriginalFiguresTest {

  private static MetricResult metric(QualityMetric m, double score) {
    return new MetricResult(m, score, "LOW", List.of("seen"), List.of(), List.of(), "code-facts");
  }

  @Test
  void aFailedHeavyMetricCountsTwiceForTheOriginalAndOnceForUs() {
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
    assertThat(figures).containsEntry("total_issues", 3).containsEntry("findings_count", 2)
        .containsEntry("status", "success");
    assertThat(analysis.findings()).hasSize(2);
    OriginalManagerReader.Reading r = OriginalManagerReader.read(new ObjectMapper().valueToTree(
        Map.of("analysis", Map.of("tools", analysis.extra().get("tools")))));
    assertThat(r.totalIssues()).containsEntry("code-quality-analyzer", 3);
  }
}
