package dev.analyzer.staticanalyzer.original;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.testing.OriginalManagerModes.ModeReading;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.ServiceRun;
import dev.analyzer.staticanalyzer.report.OriginalNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The original manager's unchanged {@code static_analyze} request (its 16 tool names and message
 * fields) against a real static service over the {@code collisions} fixture (findings in several
 * files; the same rules on the same line numbers in two files; secrets on the same line in two
 * files; the same advisories in two requirements files; two advisories of one npm package; findings
 * two tools reported), read back by {@link OriginalManagerReader#fallback} and
 * {@link OriginalManagerReader#shared} (original-reading.md, Python semantics): each keeps every
 * finding of {@code analysis.findings[]} exactly once.
 */
class OriginalManagerReadsStaticTest {

  private static JsonNode frame;
  private static AnalysisResult reply;

  @BeforeAll
  static void analyze() throws Exception {
    Path app = Fixtures.app("collisions");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("type", "static_analyze");
    request.put("model_slug", "openai_gpt-4");
    request.put("app_number", 1);
    request.put("source_path", app.toString());
    request.put("tools", List.of("bandit", "safety", "pip-audit", "semgrep", "detect-secrets", "pylint", "flake8",
        "mypy", "vulture", "ruff", "radon", "eslint", "jshint", "npm-audit", "snyk", "stylelint"));
    request.put("timestamp", "2026-12-02T07:40:00.123456");
    request.put("id", "2f0c7a6e-0d1b-4c52-9a3e-5b6c7d8e9f01");
    reply = ServiceRun.analyze(Map.of(), List.of(app.getParent()), new ObjectMapper().writeValueAsString(request));
    frame = new ObjectMapper().readTree(ProtocolCodec.create().encode(reply));
    Files.writeString(Path.of("target", "original-manager-static-frame.json"), frame.toPrettyString());
  }

  @Test
  void theFixtureHasTheHardCases() {
    JsonNode findings = frame.at("/analysis/findings");
    assertThat(reply.status()).as(String.valueOf(reply.error())).isIn(ResultStatus.SUCCESS, ResultStatus.PARTIAL);
    Map<String, Set<String>> filesByRuleAndLine = new HashMap<>();
    Set<String> tools = new HashSet<>();
    Set<String> files = new HashSet<>();
    int byTwoTools = 0;
    for (JsonNode f : findings) {
      filesByRuleAndLine.computeIfAbsent(f.path("rule_id").asText() + "@" + f.at("/location/line").asText(),
          k -> new HashSet<>()).add(f.at("/location/file").asText());
      f.path("tools").forEach(t -> tools.add(t.asText()));
      files.add(f.at("/location/file").asText());
      byTwoTools += f.path("tools").size() >= 2 ? 1 : 0;
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(5);
    assertThat(filesByRuleAndLine.values().stream().filter(s -> s.size() >= 2).count())
        .as("rules on the same line number in two files").isGreaterThanOrEqualTo(3);
    assertThat(tools).contains("python-security", "js-security", "secrets", "dependencies");
    assertThat(byTwoTools).as("findings two tools reported").isPositive();
    for (String name : OriginalNames.MANAGER_DEFAULTS) {
      boolean has = false;
      for (JsonNode group : frame.at("/analysis/results")) {
        has |= group.has(name);
      }
      assertThat(has).as("a record for the original's name " + name).isTrue();
    }
  }

  @Test
  void theFallbackReaderKeepsEveryFindingOnce() {
    ModeReading r = OriginalManagerReader.fallback(frame);
    assertThat(r.error()).isNull();
    assertThat(frame.has("results")).as("no top-level results").isFalse();
    assertThat(r.findings()).as("ids %s", ids(r)).hasSize(frame.at("/analysis/findings").size());
    assertThat(r.extracted()).hasSameSizeAs(r.findings());
    assertThat(r.severity().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(r.findings().size());
  }

  @Test
  void theSharedReaderKeepsEveryFindingOnce() {
    ModeReading r = OriginalManagerReader.shared(frame);
    assertThat(r.error()).isNull();
    assertThat(r.findings()).as("ids %s", ids(r)).hasSize(frame.at("/analysis/findings").size());
    assertThat(r.extracted()).hasSameSizeAs(r.findings());
  }

  @Test
  void collidingIdsGetADistinguishableRuleKeyAndOurRuleStays() {
    List<JsonNode> suffixed = new ArrayList<>();
    for (JsonNode group : frame.at("/analysis/results")) {
      for (JsonNode rec : group) {
        for (JsonNode i : rec.path("issues")) {
          if (i.path("rule_id").asText().contains("~")) {
            suffixed.add(i);
          }
        }
      }
    }
    assertThat(suffixed).isNotEmpty();
    for (JsonNode i : suffixed) {
      assertThat(i.path("rule_id").asText()).startsWith(i.path("rule").asText() + "~");
    }
    JsonNode npm = frame.at("/analysis/results/javascript/npm-audit/vulnerabilities");
    assertThat(npm.isObject()).isTrue();
    assertThat(npm.has("lodash") && npm.has("lodash~2")).as(npm.toString()).isTrue();
    assertThat(npm.path("lodash~2").path("name").asText()).isEqualTo("lodash");
  }

  @Test
  void engineRecordsPointAtTheRecordsHoldingTheirFindings() {
    JsonNode ps = frame.at("/analysis/results/python/python-security");
    assertThat(ps.path("issues").size()).isZero();
    assertThat(ps.path("issues_in").toString()).contains("python.semgrep");
    JsonNode semgrep = frame.at("/analysis/results/python/semgrep");
    assertThat(semgrep.path("issues").size()).isEqualTo(semgrep.path("total_issues").asInt()).isPositive();
    JsonNode secrets = frame.at("/analysis/results/python/detect-secrets/issues");
    assertThat(secrets.size()).as("one secret per line number; the other goes to semgrep").isPositive();
  }

  private static List<Object> ids(ModeReading r) {
    return r.extracted().stream().map(f -> f.get("id")).map(Object.class::cast).toList();
  }

  private static Map<String, Integer> toMap(JsonNode n) {
    Map<String, Integer> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
    return m;
  }
}
