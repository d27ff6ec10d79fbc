package dev.analyzer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation and immutability of the message records. */
class MessageRecordsTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void successWithAnErrorIsRejected() {
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).build();

    assertThatThrownBy(() -> AnalysisResult.of(req, "s", T, ResultStatus.SUCCESS, null, "tool crashed"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradicts");
    Analysis failed = new Analysis(null, null, null, "error", null, null, null, null, "path missing", null);
    assertThatThrownBy(() -> AnalysisResult.of(req, "s", T, ResultStatus.SUCCESS, failed, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replyCarriesTheRequestIdAndTheKindsResultType() {
    AnalysisRequest req = AnalysisRequest.builder(MessageType.AI_ANALYSIS).withId("abc").build();

    AnalysisResult r = AnalysisResult.failed(req, "ai-analyzer", T, ResultStatus.TIMEOUT, "deadline passed");

    assertThat(r.correlationId()).isEqualTo("abc");
    assertThat(r.type()).isEqualTo(MessageType.AI_ANALYSIS_RESULT);
    assertThatThrownBy(() -> AnalysisResult.failed(req, "s", T, ResultStatus.SUCCESS, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void extrasCannotShadowTypedFields() {
    assertThatThrownBy(() -> new Ping("p", T, Map.of("id", "other")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra field 'id'");
  }

  @Test
  void recordsCopyWhatTheyAreGiven() {
    List<String> tools = new ArrayList<>(List.of("bandit"));
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).withTools(tools).build();
    tools.add("eslint");

    assertThat(req.tools()).containsExactly("bandit");
    assertThatThrownBy(() -> req.tools().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> req.config().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void selectedToolsFollowTheOriginalsOrderOfSources() {
    AnalysisRequest fromTools = AnalysisRequest.builder(AnalysisKind.STATIC)
        .withTools(List.of("Bandit", " ESLint ")).build();
    AnalysisRequest fromConfig = AnalysisRequest.builder(AnalysisKind.STATIC)
        .withConfig(Map.of("tools", List.of("pylint"))).build();
    AnalysisRequest all = AnalysisRequest.builder(AnalysisKind.STATIC).build();

    assertThat(fromTools.selectedTools()).containsExactly("bandit", "eslint");
    assertThat(fromConfig.selectedTools()).containsExactly("pylint");
    assertThat(all.selectedTools()).isEmpty();
  }

  @Test
  void toolCanBeDisabledInConfig() {
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC)
        .withConfig(Map.of("bandit", Map.of("enabled", false))).build();

    assertThat(req.isToolEnabled("bandit")).isFalse();
    assertThat(req.isToolEnabled("eslint")).isTrue();
  }

  @Test
  void progressPercentIsBounded() {
    assertThatThrownBy(() -> ProgressUpdate.of("a", "s", "x", "m", 101.0, T))
        .hasMessageContaining("0..100");
  }

  @Test
  void errorFromProtocolExceptionKeepsCodeMessageAndId() {
    ProtocolException e = new ProtocolException(ErrorCode.INVALID_REQUEST, "bad field", "f", "id-1");

    ErrorMessage m = ErrorMessage.from(e, "svc", T);

    assertThat(m.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(m.message()).isEqualTo("bad field");
    assertThat(m.correlationId()).isEqualTo("id-1");
  }

  @Test
  void toolResultHasTheOriginalsShape() {
    Map<String, Object> m = ToolResult.notRun("bandit", ToolStatus.NOT_INSTALLED, "bandit is not installed").toMap();

    assertThat(m).containsKeys("tool", "status", "executed", "total_issues", "severity_breakdown", "issues",
        "duration_seconds", "error");
    assertThat(m).containsEntry("status", "not_installed").containsEntry("executed", false);
  }

  @Test
  void analysisBuilderFilesToolResultsByGroupAndListsExecutedTools() {
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m").withAppNumber(4).build();

    Analysis a = Analysis.builder().forRequest(req).withAnalysisTime(T).withStatus("success")
        .withToolResult("python", ToolResult.success("bandit", List.of(), 1.0))
        .withToolResult("python", ToolResult.notRun("pylint", ToolStatus.NOT_INSTALLED, "pylint is not installed"))
        .withToolResult(null, ToolResult.success("secrets", List.of(), 0.1))
        .withSummary("total_issues_found", 0).build();

    assertThat(a.modelSlug()).isEqualTo("m");
    assertThat(a.appNumber()).isEqualTo(4);
    assertThat(a.toolsUsed()).containsExactly("bandit", "secrets");
    @SuppressWarnings("unchecked") Map<String, Object> python = (Map<String, Object>) a.results().get("python");
    assertThat(python).containsKeys("bandit", "pylint");
    assertThat(a.results()).containsKey("secrets");
    assertThat(a.summary()).containsEntry("total_issues_found", 0);
  }
}
