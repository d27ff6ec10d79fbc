package dev.analyzer.staticanalyzer.original;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.Analysis;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.protocol.ToolResult;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.core.testing.OriginalManagerModes.ModeReading;
import dev.analyzer.staticanalyzer.report.ResultAssembler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layout's edge cases, read by both modes of the original's manager over assembled replies: a
 * request with none of the original's names (findings stay in their tools' records), a crashed
 * tool that holds nothing, and the one documented loss (only detect-secrets requested, two secrets
 * on one line number of two files).
 */
class OriginalManagerReadsLayoutsTest {

  private static Finding f(String tool, String rule, String file, int line) {
    return Finding.builder(tool, rule).withTitle(rule + " title").withSeverity(Severity.HIGH)
        .withConfidence(Confidence.HIGH).withCwe("CWE-798").withLocation(Location.inFile(file, line, 5)).build();
  }

  private static ResultAssembler.Entry ran(String tool, String group, List<Finding> fs) {
    return new ResultAssembler.Entry(tool, group, "1", ToolResult.success(tool, fs, 0.1), fs);
  }

  private static JsonNode frame(ResultAssembler a, List<String> tools) throws Exception {
    AnalysisRequest req = AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m").withAppNumber(1)
        .withTools(tools).build();
    Analysis analysis = a.build(req, Instant.EPOCH, "success", Map.of(), Map.of());
    String wire = ProtocolCodec.create().encode(AnalysisResult.of(req, "static-analyzer", Instant.EPOCH,
        ResultStatus.SUCCESS, analysis, null));
    return new ObjectMapper().readTree(wire);
  }

  @Test
  void withoutTheOriginalsNamesEveryFindingStaysInItsFirstToolsRecordOnce() throws Exception {
    ResultAssembler a = new ResultAssembler();
    a.add(ran("python-security", "python", List.of(f("python-security", "B602", "a.py", 5),
        f("python-security", "B602", "b.py", 5))));
    a.add(ran("bandit", "python", List.of(f("bandit", "B602", "a.py", 5))));

    JsonNode frame = frame(a, List.of());

    assertThat(frame.at("/analysis/findings")).hasSize(2);
    assertThat(frame.at("/analysis/results/python/python-security/issues")).hasSize(2);
    assertThat(frame.at("/analysis/results/python/bandit/issues")).isEmpty();
    assertThat(frame.at("/analysis/results/python/bandit/issues_in").get(0).asText()).isEqualTo("python.python-security");
    assertThat(frame.at("/analysis/results/python/bandit/tool_findings").asInt()).isEqualTo(1);
    ModeReading shared = OriginalManagerReader.shared(frame);
    assertThat(shared.error()).isNull();
    assertThat(shared.findings()).hasSize(2);
  }

  @Test
  void aCrashedToolHoldsNothingAndTheFindingGoesToTheNextOwner() throws Exception {
    ResultAssembler a = new ResultAssembler();
    a.add(ran("secrets", "structure", List.of(f("secrets", "github-token", "a.py", 3))));
    a.add(new ResultAssembler.Entry("bandit", "python", "1", new ToolResult("bandit", ToolStatus.ERROR, true, 0,
        Map.of(), List.of(), 0.1, "bandit crashed", Map.of()), List.of()));
    a.cover("semgrep", "python", List.of("secrets"), "rules");

    JsonNode frame = frame(a, List.of("bandit", "semgrep"));

    assertThat(frame.at("/analysis/results/python/bandit/issues")).isEmpty();
    assertThat(frame.at("/analysis/results/python/semgrep/issues")).hasSize(1);
    assertThat(OriginalManagerReader.fallback(frame).findings()).hasSize(1);
    assertThat(OriginalManagerReader.shared(frame).findings()).hasSize(1);
  }

  @Test
  void onlyDetectSecretsRequestedKeepsTwoSecretsOnOneLineNumberForTheSharedModeAndTheFallbackCountsOne()
      throws Exception {
    ResultAssembler a = new ResultAssembler();
    a.add(ran("secrets", "structure", List.of(f("secrets", "github-token", "a.py", 3),
        f("secrets", "github-token", "b.py", 3))));
    a.cover("detect-secrets", "python", List.of("secrets"), "secrets");

    JsonNode frame = frame(a, List.of("detect-secrets"));

    assertThat(frame.at("/analysis/results/python/detect-secrets/issues")).hasSize(2);
    assertThat(OriginalManagerReader.shared(frame).findings()).hasSize(2);
    assertThat(OriginalManagerReader.fallback(frame).findings()).as("detect_secrets_<line> has no file and no rule")
        .hasSize(1);
  }

  @Test
  void withSemgrepAlsoRequestedTheSecondSecretMovesThereAndBothModesKeepBoth() throws Exception {
    ResultAssembler a = new ResultAssembler();
    a.add(ran("secrets", "structure", List.of(f("secrets", "github-token", "a.py", 3),
        f("secrets", "github-token", "b.py", 3))));
    a.cover("detect-secrets", "python", List.of("secrets"), "secrets");
    a.cover("semgrep", "python", List.of("secrets"), "rules");

    JsonNode frame = frame(a, List.of("detect-secrets", "semgrep"));

    assertThat(frame.at("/analysis/results/python/detect-secrets/issues")).hasSize(1);
    assertThat(frame.at("/analysis/results/python/semgrep/issues")).hasSize(1);
    assertThat(OriginalManagerReader.fallback(frame).findings()).hasSize(2);
    assertThat(OriginalManagerReader.shared(frame).findings()).hasSize(2);
  }
}
