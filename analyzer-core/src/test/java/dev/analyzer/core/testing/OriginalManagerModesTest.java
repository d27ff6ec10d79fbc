package dev.analyzer.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginalManagerModesTest {

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  private static Map<String, Object> finding(String id, String tool, String severity) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", id);
    f.put("tool", tool);
    f.put("severity", severity);
    return f;
  }

  @Test
  void theTerminalFrameIsTheFirstWithAnAnalysisDict() throws Exception {
    JsonNode progress = json("{\"type\": \"progress_update\"}");
    JsonNode early = json("{\"type\": \"static_analysis\", \"analysis\": null}");
    JsonNode result = json("{\"type\": \"analysis_result\", \"analysis\": {\"n\": 1}}");
    JsonNode later = json("{\"type\": \"analysis_result\", \"analysis\": {\"n\": 2}}");

    assertThat(OriginalManagerModes.terminal(List.of(progress, early, result, later))).isSameAs(result);
    assertThat(OriginalManagerModes.terminal(List.of(progress, early))).isSameAs(early);
    assertThat(OriginalManagerModes.terminal(List.of(progress))).isSameAs(progress);
    assertThat(OriginalManagerModes.terminal(List.of())).isNull();
  }

  @Test
  void fallbackHandsAnalysisResultsOfTheTopLevelResultsToTheServiceExtractor() throws Exception {
    JsonNode frame = json("{\"results\": {\"analysis\": {\"results\": {\"k\": 1}}}, \"analysis\": {}}");
    List<JsonNode> seen = new ArrayList<>();

    OriginalManagerModes.ModeReading r = OriginalManagerModes.fallback(frame, results -> {
      seen.add(results);
      return List.of(finding("a", "zap", "high"), finding("a", "zap", "low"), finding("", "nmap", "critical"),
          finding(null, "nmap", "medium"));
    });

    assertThat(seen).containsExactly(json("{\"k\": 1}"));
    assertThat(r.error()).isNull();
    assertThat(r.extracted()).hasSize(4);
    assertThat(r.findings()).extracting(f -> f.get("severity")).containsExactly("high", "critical", "medium");
    assertThat(r.severity()).containsExactly(Map.entry("high", 1), Map.entry("medium", 1), Map.entry("low", 0));
    assertThat(r.byTool()).containsExactly(Map.entry("nmap", 2), Map.entry("zap", 1));
  }

  @Test
  void fallbackSkipsAServiceWhoseResultsAreNoDict() throws Exception {
    OriginalManagerModes.ModeReading r = OriginalManagerModes.fallback(json("{\"results\": [1]}"),
        results -> List.of(finding("a", "zap", "high")));

    assertThat(r.error()).isEqualTo("results is not a dict: the service is skipped");
    assertThat(r.extracted()).isEmpty();
  }

  @Test
  void aPythonExceptionInTheExtractorLosesEveryFindingOfTheService() throws Exception {
    OriginalManagerModes.ModeReading r = OriginalManagerModes.fallback(json("{\"analysis\": {\"results\": {}}}"),
        results -> {
          throw new Py.PyError("'NoneType' object is not iterable");
        });

    assertThat(r.error()).isEqualTo("'NoneType' object is not iterable");
    assertThat(r.findings()).isEmpty();
    assertThat(r.byTool()).isEmpty();
  }

  @Test
  void sharedCountsFiveSeveritiesOfTheDeduplicatedFindings() throws Exception {
    JsonNode frame = json("""
        {"analysis": {"tool_results": {"bandit": {"issues": [
          {"test_id": "B1", "file": "a.py", "line": 1, "severity": "critical"},
          {"test_id": "B1", "file": "a.py", "line": 1, "severity": "low"},
          {"test_id": "B2", "file": "a.py", "line": 2}]}}}}
        """);

    OriginalManagerModes.ModeReading r = OriginalManagerModes.shared(frame);

    assertThat(r.error()).isNull();
    assertThat(r.extracted()).hasSize(3);
    assertThat(r.findings()).hasSize(2);
    assertThat(r.severity()).containsExactly(Map.entry("critical", 1), Map.entry("high", 0),
        Map.entry("medium", 0), Map.entry("low", 0), Map.entry("info", 1));
    assertThat(r.byTool()).containsExactly(Map.entry("bandit", 2));
  }

  @Test
  void sharedLosesTheServiceOnAPythonException() throws Exception {
    OriginalManagerModes.ModeReading r = OriginalManagerModes.shared(
        json("{\"analysis\": {\"results\": {\"dynamic\": [{\"vulnerabilities\": [{\"type\": 3}]}]}}}"));

    assertThat(r.error()).contains("'int' object has no attribute 'replace'");
    assertThat(r.extracted()).isEmpty();
  }

  @Test
  void aFindingHasTheManagersKeysInItsOrder() {
    Map<String, Object> f = OriginalManagerModes.finding("zap_X_u", "zap", "X", "high", "http://u/");

    assertThat(f.keySet()).containsExactly("id", "tool", "rule_id", "severity", "path");
    assertThat(f.values()).containsExactly("zap_X_u", "zap", "X", "high", "http://u/");
  }
}
