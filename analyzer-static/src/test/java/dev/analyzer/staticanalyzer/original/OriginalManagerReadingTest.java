package dev.analyzer.staticanalyzer.original;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.testing.OriginalManagerModes.ModeReading;
import dev.analyzer.core.testing.ToolOutcome;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.WsClient;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.ServiceRun;
import dev.analyzer.staticanalyzer.StaticAnalyzerService;
import dev.analyzer.staticanalyzer.StaticSettings;
import dev.analyzer.staticanalyzer.original.OriginalManagerReader.Extracted;
import dev.analyzer.staticanalyzer.original.OriginalManagerReader.Reading;
import dev.analyzer.staticanalyzer.report.OriginalNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The original manager's unchanged {@code static_analyze} request (its 16 tool names, its config,
 * its message fields) against a real static service over a fixture app, read back with
 * {@link OriginalManagerReader}: it gets every finding, once, whether it reads every record's
 * {@code issues}/{@code sarif} or, as the manager's own extractor does, only its own tool names.
 */
class OriginalManagerReadingTest {

  private static Map<String, Object> analysis;
  private static AnalysisResult reply;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void analyze() throws Exception {
    Path app = Fixtures.app("vulnerable");
    Map<String, Object> request = OriginalRequest.of(app, 1);
    request.put("config", Map.of("pylint", Map.of("max_files", 10), "bandit", Map.of("enabled", true),
        "preset_name", "default"));
    request.put("timestamp", "2026-12-02T06:30:00.123456");
    request.put("id", "6f1c1d5e-8a3b-4b7e-9d4f-0a1b2c3d4e5f");
    String json = new ObjectMapper().writeValueAsString(request);
    reply = ServiceRun.analyze(Map.of(), List.of(app.getParent()), json);
    String wire = ProtocolCodec.create().encode(reply);
    Map<String, Object> frame = new ObjectMapper().readValue(wire, Map.class);
    analysis = (Map<String, Object>) frame.get("analysis");
  }

  @Test
  void theUnchangedRequestIsAnsweredWithFindings() {
    assertThat(reply.status()).as(String.valueOf(reply.error())).isIn(ResultStatus.SUCCESS, ResultStatus.PARTIAL);
    assertThat(reply.analysis().findings()).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOriginalsContainerPathIsTheOnlyThingRefused() throws Exception {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("type", "static_analyze");
    request.put("model_slug", "openai_gpt-4");
    request.put("app_number", 1);
    request.put("source_path", "/app/sources/openai_gpt-4/app1");
    request.put("tools", OriginalNames.MANAGER_DEFAULTS);
    request.put("config", Map.of("pylint", Map.of("max_files", 10), "preset_name", "default"));
    request.put("timestamp", "2026-12-02T06:30:00.123456");
    request.put("id", "0b7c2c1e-1d2e-4f3a-8b9c-aabbccddeeff");
    StaticAnalyzerService service = new StaticAnalyzerService(StaticSettings.fromEnvironment(Environment.of(Map.of())));
    AnalyzerServer server = AnalyzerServer.builder(service).withSettings(ServiceSettings.defaults(0).withPort(0)
        .withSourceRoots(List.of(Fixtures.app("vulnerable").getParent()))).build().start();
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(new ObjectMapper().writeValueAsString(request));

      Map<String, Object> frame = new ObjectMapper().readValue(ws.next(Duration.ofSeconds(30)), Map.class);

      assertThat(frame).containsEntry("type", "error").containsEntry("code", "invalid_request")
          .containsEntry("message", "source_path /app/sources/openai_gpt-4/app1 lies outside the allowed source"
              + " roots (set ANALYZER_SOURCE_ROOTS to allow more)");
      assertThat(ws.awaitClose(Duration.ofSeconds(10)).code()).isEqualTo(1000);
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void bothModesOfTheManagerKeepEveryFindingOnce() throws Exception {
    com.fasterxml.jackson.databind.JsonNode frame = new ObjectMapper().readTree(ProtocolCodec.create().encode(reply));
    int ours = reply.analysis().findings().size();
    ModeReading fallback = OriginalManagerReader.fallback(frame);
    ModeReading shared = OriginalManagerReader.shared(frame);
    assertThat(fallback.error()).isNull();
    assertThat(shared.error()).isNull();
    assertThat(fallback.findings()).hasSize(ours);
    assertThat(fallback.extracted()).hasSize(ours);
    assertThat(shared.findings()).hasSize(ours);
    assertThat(shared.extracted()).hasSize(ours);
    int perTool = reply.analysis().findings().stream().mapToInt(f -> f.tools().size()).sum();
    assertThat(((Map<?, ?>) analysis.get("summary")).get("total_tool_findings")).isEqualTo(perTool);
  }

  @Test
  void everyMergedFindingIsAmongWhatTheManagerReads() {
    List<Extracted> read = OriginalManagerReader.findings(analysis, Reading.ISSUES_ELSE_SARIF);
    List<String> where = read.stream().map(e -> e.rule() + "|" + e.file() + "|" + e.line()).toList();
    for (Finding f : reply.analysis().findings()) {
      assertThat(where).as(f.fingerprint()).contains(f.ruleId() + "|" + f.location().file() + "|"
          + f.location().line());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theManagersSeveritiesAreTheFoldedOnes() {
    List<Finding> findings = reply.analysis().findings();
    long high = findings.stream().filter(f -> f.severity().isAtLeast(Severity.HIGH)).count();
    long medium = findings.stream().filter(f -> f.severity() == Severity.MEDIUM).count();
    assertThat(OriginalManagerReader.summarySeverity(analysis, "high")).isEqualTo((int) high);
    assertThat(OriginalManagerReader.summarySeverity(analysis, "medium")).isEqualTo((int) medium);
    assertThat(OriginalManagerReader.summarySeverity(analysis, "low")).isEqualTo(findings.size() - (int) high
        - (int) medium);
    Map<String, Object> detail = (Map<String, Object>) ((Map<?, ?>) analysis.get("summary")).get("severity_breakdown_detail");
    assertThat(detail.keySet()).containsExactly("critical", "high", "medium", "low", "info");
  }

  @Test
  void noBuiltinIsTurnedOffByTheOriginalsNames() {
    Map<String, Map<String, Object>> records = OriginalManagerReader.records(analysis);
    for (String builtin : List.of("secrets", "python-security", "js-security", "config", "dependencies")) {
      assertThat(records.get(builtin)).as(builtin).containsEntry("status", "success").containsEntry("executed", true);
    }
    for (String builtin : List.of("secrets", "python-security", "js-security", "config", "dependencies")) {
      assertThat(records.get(builtin)).as(builtin).containsEntry("total_issues", 0).containsEntry("issues", List.of());
      assertThat((List<?>) records.get(builtin).get("issues_in")).as(builtin).isNotEmpty();
      assertThat((Integer) records.get(builtin).get("tool_findings")).as(builtin).isPositive();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void coveredNamesCarryTheirEnginesFindingsOnceUnderTheOriginalsNames() {
    Map<String, Map<String, Object>> records = OriginalManagerReader.records(analysis);
    int held = 0;
    for (Map<String, Object> rec : records.values()) {
      assertThat((List<?>) rec.get("issues")).hasSize((Integer) rec.get("total_issues"));
      held += (Integer) rec.get("total_issues");
    }
    assertThat(held).isEqualTo(reply.analysis().findings().size());
    Map<String, Object> semgrep = records.get("semgrep");
    assertThat(semgrep).containsEntry("status", "success")
        .containsEntry("covered_by", List.of("python-security", "js-security", "secrets", "config"));
    assertThat((Integer) semgrep.get("total_issues")).isPositive();
    Map<String, Object> pipAudit = records.get("pip-audit");
    assertThat((List<Map<String, Object>>) pipAudit.get("vulnerabilities")).hasSize((Integer) pipAudit.get("total_issues"))
        .allSatisfy(v -> assertThat(v).containsKeys("id", "package", "version", "fix_versions", "aliases"));
    Map<String, Object> npm = records.get("npm-audit");
    assertThat((Map<String, Object>) npm.get("vulnerabilities")).hasSize((Integer) npm.get("total_issues"));
    assertThat((Integer) records.get("detect-secrets").get("total_issues")).isPositive();
    for (String pointer : List.of("snyk", "jshint")) {
      assertThat(records.get(pointer)).as(pointer).containsEntry("total_issues", 0).containsEntry("issues", List.of())
          .containsEntry("status", "success");
      assertThat((Integer) records.get(pointer).get("covered_issues")).as(pointer).isPositive();
    }
    assertThat(records.get("detect-secrets")).containsEntry("covered_by", List.of("secrets"));
    assertThat(records.get("snyk")).containsEntry("covered_by", List.of("python-security", "js-security"));
    assertThat((List<String>) records.get("ruff").get("covered_by")).startsWith("python-security");
  }

  @Test
  @SuppressWarnings("unchecked")
  void namesWithoutAnEngineAreNotAvailableWithTheReason() {
    Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) analysis.get("results")).get("_metadata");
    for (String lacking : List.of("mypy", "vulture", "radon", "stylelint")) {
      Map<String, Object> rec = (Map<String, Object>) meta.get(lacking);
      assertThat(rec).as(lacking).containsEntry("status", "not_available").containsEntry("executed", false)
          .containsEntry("status_detail", "no_engine");
      assertThat((String) rec.get("error")).contains(lacking + " is not available here: ");
    }
  }

  @Test
  void everyStatusIsOneTheOriginalKnowsAndNothingReadsAsFailed() {
    Map<String, Map<String, Object>> records = OriginalManagerReader.records(analysis);
    assertThat(records.keySet()).containsAll(OriginalNames.MANAGER_DEFAULTS);
    List<String> failed = new ArrayList<>();
    records.forEach((tool, rec) -> {
      assertThat(rec.get("status")).as(tool).isIn("success", "error", "skipped", "not_available");
      assertThat(rec.get("total_issues")).as(tool).isEqualTo(rec.get("issue_count"));
      if (ToolOutcome.of(String.valueOf(rec.get("status"))) == ToolOutcome.FAILED) {
        failed.add(tool + ": " + rec.get("error"));
      }
    });
    assertThat(failed).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void sarifNativeRecordsCarryTheirFindingsAsIssuesAndAsOneRunOfSarif() {
    Map<String, Map<String, Object>> records = OriginalManagerReader.records(analysis);
    for (Map.Entry<String, Map<String, Object>> e : records.entrySet()) {
      Map<String, Object> rec = e.getValue();
      if (OriginalNames.isSarifNative(e.getKey()) && Boolean.TRUE.equals(rec.get("executed"))) {
        assertThat((List<?>) rec.get("issues")).as(e.getKey()).hasSize((Integer) rec.get("total_issues"));
        Map<String, Object> sarif = (Map<String, Object>) rec.get("sarif");
        assertThat(sarif).as(e.getKey()).containsEntry("version", "2.1.0");
        List<Object> runs = (List<Object>) sarif.get("runs");
        assertThat(runs).as(e.getKey()).hasSize(1);
        Map<String, Object> run = (Map<String, Object>) runs.get(0);
        assertThat(((Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver")).get("name"))
            .isEqualTo(e.getKey());
        assertThat((List<?>) run.get("results")).hasSize((Integer) rec.get("total_issues"));
      } else {
        assertThat(rec).as(e.getKey()).doesNotContainKey("sarif");
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void parserIssuesHaveTheOriginalsShape() {
    Map<String, Object> rec = OriginalManagerReader.records(analysis).get("pip-audit");
    List<Map<String, Object>> issues = (List<Map<String, Object>>) rec.get("issues");
    assertThat(issues).hasSize((Integer) rec.get("total_issues"));
    for (Map<String, Object> i : issues) {
      assertThat(i).containsKeys("file", "line", "column", "severity", "confidence", "message", "rule", "rule_name",
          "code_snippet", "more_info", "cwe");
      assertThat(i.get("severity")).isIn("high", "medium", "low");
    }
    assertThat(issues.stream().map(i -> i.get("file")).collect(Collectors.toSet()))
        .contains("backend/requirements.txt");
  }
}
