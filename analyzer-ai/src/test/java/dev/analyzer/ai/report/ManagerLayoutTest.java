package dev.analyzer.ai.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.ai.endpoints.ControlTestResult;
import dev.analyzer.ai.original.OriginalManagerReader;
import dev.analyzer.ai.quality.MetricResult;
import dev.analyzer.ai.quality.QualityMetric;
import dev.analyzer.ai.quality.QualitySummary;
import dev.analyzer.ai.requirements.Requirement;
import dev.analyzer.ai.review.RequirementVerdict;
import dev.analyzer.ai.review.Verdict;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ToolStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layout for the original's manager: requirements of other categories, an endpoint test without
 * answer, a failed metric without findings text and findings that would share an id are each counted
 * once (or not at all) exactly as our findings[] says, in both modes.
 */
class ManagerLayoutTest {

  private static RequirementVerdict verdict(String id, String category, Verdict v) {
    return new RequirementVerdict(new Requirement(id, "Requirement " + id, category), v, "MEDIUM", 0.2, "because",
        List.of(), "embedding-ir", "skipped", null, false);
  }

  private static JsonNode reply() {
    List<RequirementVerdict> verdicts = List.of(verdict("b1", "backend", Verdict.NOT_FOUND),
        verdict("o1", "other", Verdict.NOT_FOUND), verdict("o2", "other", Verdict.NOT_FOUND),
        verdict("f1", "frontend", Verdict.MET));
    List<ControlTestResult> endpoints = List.of(
        new ControlTestResult("GET", "/api/a", "http://127.0.0.1:1/api/a", 404, false, null, false),
        new ControlTestResult("GET", "/api/b", "http://127.0.0.1:1/api/b", null, false, "refused", false),
        new ControlTestResult("GET", "/api/c", "http://127.0.0.1:1/api/c", 200, true, null, false));
    List<MetricResult> metrics = List.of(
        new MetricResult(QualityMetric.ERROR_HANDLING, 10, "LOW", List.of(), List.of(), List.of(), "code-facts"),
        new MetricResult(QualityMetric.DOCUMENTATION, 20, "LOW", List.of("a", "b", "c"), List.of(), List.of(),
            "code-facts"),
        new MetricResult(QualityMetric.TYPE_SAFETY, 90, "LOW", List.of(), List.of(), List.of(), "code-facts"));
    Map<String, Object> reqResults = RequirementsReport.results(verdicts, endpoints);
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) reqResults.get("summary");
    AiResultAssembler a = new AiResultAssembler();
    a.requirements(verdicts, endpoints, summary);
    a.quality(metrics);
    a.add(new ToolOutcome("requirements-scanner", ToolStatus.SUCCESS, Map.of("results", reqResults), null, 0.1, 4));
    a.add(new ToolOutcome("code-quality-analyzer", ToolStatus.SUCCESS, Map.of("results", Map.of("quality_metrics",
        metrics.stream().map(MetricResult::toMap).toList(), "summary", QualitySummary.summary(metrics))), null, 0.1, 2));
    Analysis analysis = a.build(AnalysisRequest.builder(AnalysisKind.AI).build(), Instant.EPOCH, null, List.of(),
        "success", Map.of());
    ObjectMapper json = new ObjectMapper();
    return json.createObjectNode().put("type", "ai_analysis_result").put("status", "success")
        .set("analysis", json.valueToTree(Map.of("results", analysis.results(), "tools", analysis.extra().get("tools"),
            "tool_results", analysis.extra().get("tool_results"), "findings", analysis.findings().stream()
                .map(f -> Map.of("tool", f.tool(), "rule_id", f.ruleId())).toList())));
  }

  @Test
  void eachFindingOfOursIsOneFindingForTheOriginalInBothModes() {
    JsonNode reply = reply();
    int ours = reply.path("analysis").path("findings").size();

    OriginalManagerReader.Reading fallback = OriginalManagerReader.fallback(reply);
    OriginalManagerReader.Reading shared = OriginalManagerReader.shared(reply);

    // 3 requirements not found, 1 endpoint answered wrongly, 2 failed metrics
    assertThat(ours).isEqualTo(6);
    assertThat(fallback.error()).isNull();
    assertThat(fallback.findings()).hasSize(ours);
    assertThat(fallback.byTool()).containsEntry("requirements-scanner", 4).containsEntry("code-quality-analyzer", 2);
    assertThat(shared.findings()).hasSize(ours);
    assertThat(shared.byTool()).isEqualTo(fallback.byTool());
  }

  @Test
  void bothPassesOfTheToolsMapGiveOurCountPerTool() {
    JsonNode reply = reply();
    ObjectMapper json = new ObjectMapper();

    OriginalManagerReader.Reading pass1 = OriginalManagerReader.fallback(reply);
    OriginalManagerReader.Reading pass2 = OriginalManagerReader.fallback(json.createObjectNode()
        .set("analysis", json.createObjectNode().set("tools", reply.path("analysis").path("tools"))));

    assertThat(pass1.totalIssues()).containsEntry("requirements-scanner", 4).containsEntry("code-quality-analyzer", 2);
    assertThat(pass2.totalIssues()).isEqualTo(pass1.totalIssues());
  }

  @Test
  void findingsWithoutAPlaceGetIssueFilesOfTheirOwn() {
    JsonNode issues = reply().path("analysis").path("tool_results").path("requirements-scanner").path("issues");

    assertThat(issues.size()).isEqualTo(4);
    assertThat(issues.get(0).path("file").asText()).isEqualTo(ManagerLayout.REPORT);
    assertThat(issues.get(1).path("file").asText()).isEqualTo(ManagerLayout.REPORT + "#o1");
    assertThat(issues.get(3).path("file").asText()).isEqualTo("http://127.0.0.1:1/api/a");
  }
}
