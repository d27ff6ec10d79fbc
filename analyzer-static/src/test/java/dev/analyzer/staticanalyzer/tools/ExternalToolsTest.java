package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.testing.WsClient;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.StaticAnalyzerService;
import dev.analyzer.staticanalyzer.StaticSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bandit and shellcheck through the real service, when installed (.ci/run installs them with
 * scripts/install-tools.sh); otherwise skipped with the reason.
 */
class ExternalToolsTest {

  private static AnalysisResult analyze(String tools) throws Exception {
    StaticAnalyzerService service = new StaticAnalyzerService(StaticSettings.fromEnvironment(Environment.of(Map.of())));
    AnalyzerServer server = AnalyzerServer.builder(service).withSettings(ServiceSettings.defaults(0).withPort(0)
        .withSourceRoots(List.of(Fixtures.app("vulnerable")))).build().start();
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"ext\",\"source_path\":\"" + Fixtures.app("vulnerable")
          + "\",\"tools\":[" + tools + "]}");
      return (AnalysisResult) ProtocolCodec.create().decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(120)));
    } finally {
      server.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void banditFindingsAreNormalizedAndMergedWithTheBuiltinOnes() throws Exception {
    assumeTrue(ProcessRunner.which("bandit").isPresent(),
        "bandit is not installed: run scripts/install-tools.sh (Debian python3-bandit) to enable this test");

    AnalysisResult r = analyze("\"bandit\",\"python-security\"");

    @SuppressWarnings("unchecked")
    Map<String, Object> bandit = (Map<String, Object>) ((Map<String, Object>) r.analysis().results().get("python")).get("bandit");
    assertThat(bandit).containsEntry("status", ToolStatus.SUCCESS.wire()).containsEntry("executed", true);
    assertThat((Integer) bandit.get("total_issues")).isPositive();
    List<Finding> fromBandit = r.analysis().findings().stream().filter(f -> f.tools().contains("bandit")).toList();
    assertThat(fromBandit).isNotEmpty().allSatisfy(f -> {
      assertThat(f.location().file()).startsWith("backend/");
      assertThat(f.location().line()).isPositive();
    });
    assertThat(fromBandit).anySatisfy(f -> assertThat(f.tools()).containsExactlyInAnyOrder("python-security", "bandit"));
    assertThat(r.analysis().findings()).noneSatisfy(f -> assertThat(f.location().file()).contains("node_modules"));
  }

  @Test
  void eslintFindingsAreNormalizedAndMergedWithTheBuiltinOnes() throws Exception {
    assumeTrue(EslintTool.locate(null).isPresent(),
        "eslint is not installed in tools/eslint: run scripts/install-tools.sh (needs npm) to enable this test");

    AnalysisResult r = analyze("\"eslint\",\"js-security\"");

    @SuppressWarnings("unchecked")
    Map<String, Object> eslint = (Map<String, Object>) ((Map<String, Object>) r.analysis().results().get("javascript")).get("eslint");
    assertThat(eslint).containsEntry("status", "success");
    List<Finding> fromEslint = r.analysis().findings().stream().filter(f -> f.tools().contains("eslint")).toList();
    assertThat(fromEslint).isNotEmpty().allSatisfy(f -> assertThat(f.location().file()).isEqualTo("frontend/src/App.jsx"));
    Finding eval = fromEslint.stream().filter(f -> f.location().line() == 15).findFirst().orElseThrow();
    assertThat(eval.tools()).containsExactlyInAnyOrder("js-security", "eslint");
    assertThat(eval.cwe()).isEqualTo("CWE-95");
  }

  @Test
  void pylintAndFlake8FindingsAreNormalized() throws Exception {
    PylintAssumptions.assumePylintRuns();
    assumeTrue(ProcessRunner.which("pylint").isPresent() && ProcessRunner.which("flake8").isPresent(),
        "pylint or flake8 is not installed: run scripts/install-tools.sh (Debian pylint, flake8) to enable this test");

    AnalysisResult r = analyze("\"pylint\",\"flake8\"");

    assertThat(r.analysis().toolsUsed()).containsExactlyInAnyOrder("pylint", "flake8");
    assertThat(r.analysis().findings()).filteredOn(f -> f.tools().contains("pylint")).isNotEmpty()
        .allSatisfy(f -> assertThat(f.location().file()).startsWith("backend/"));
    assertThat(r.analysis().findings()).filteredOn(f -> f.tools().contains("flake8")).isNotEmpty()
        .allSatisfy(f -> {
          assertThat(f.location().file()).startsWith("backend/");
          assertThat(f.ruleId()).matches("[A-Z]+[0-9]+");
        });
  }

  @Test
  void shellcheckFindingsAreNormalized() throws Exception {
    assumeTrue(ProcessRunner.which("shellcheck").isPresent(),
        "shellcheck is not installed: run scripts/install-tools.sh (Debian shellcheck) to enable this test");

    AnalysisResult r = analyze("\"shellcheck\"");

    assertThat(r.analysis().findings()).isNotEmpty().allSatisfy(f -> {
      assertThat(f.tool()).isEqualTo("shellcheck");
      assertThat(f.ruleId()).startsWith("SC");
      assertThat(f.location().file()).isEqualTo("scripts/deploy.sh");
    });
  }

  @Test
  void aToolThatIsNotInstalledIsReportedAsSuchNotAsAnError() throws Exception {
    StaticAnalyzerService service = new StaticAnalyzerService(StaticSettings.fromEnvironment(Environment.of(Map.of())));
    service.detectTools(spec -> new dev.analyzer.service.process.ProcessResult(spec.command(), -1,
        dev.analyzer.service.process.ProcessResult.Termination.START_FAILED, null, "", "", false, false,
        Duration.ZERO, "not found"));
    StaticTool bandit = service.tools().stream().filter(t -> t.name().equals("bandit")).findFirst().orElseThrow();

    assertThat(bandit.available()).isFalse();
    assertThat(bandit.version()).isNull();
  }
}
