package dev.analyzer.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedModeReaderTest {

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void toolIssuesAreReadFromToolResultsAndFromDictCategories() throws Exception {
    JsonNode frame = json("""
        {"analysis": {
          "tool_results": {"bandit": {"issues": [
            {"test_id": "B101", "filename": "a.py", "line_number": 3, "severity": "HIGH"}, 7]}},
          "results": {"python": {"pylint": {"issues": [
            {"rule_id": "C0114", "file": "b.py", "line": 1, "severity": 1}]}}}}}
        """);

    List<Map<String, Object>> found = SharedModeReader.extract(frame);

    assertThat(found).containsExactly(
        Map.of("id", "bandit_B101_a.py_3", "tool", "bandit", "rule_id", "B101", "severity", "high", "path", "a.py"),
        Map.of("id", "pylint_C0114_b.py_1", "tool", "pylint", "rule_id", "C0114", "severity", "medium",
            "path", "b.py"));
  }

  @Test
  void aKeyThatIsThereWinsEvenWhenNull() throws Exception {
    JsonNode frame = json("""
        {"analysis": {"tool_results": {"ruff": {"issues": [
          {"rule_id": "E1", "file": null, "filename": "ignored.py", "line": 2}]}}}}
        """);

    assertThat(SharedModeReader.extract(frame)).singleElement()
        .satisfies(f -> assertThat(f).containsEntry("id", "ruff_E1_None_2").containsEntry("path", "None")
            .containsEntry("severity", "info"));
  }

  @Test
  void listCategoriesGiveZapAlertsAndCurlVulnerabilitiesWithTheirUrls() throws Exception {
    JsonNode frame = json("""
        {"analysis": {"results": {"dynamic": [
          {"url": "http://app/",
           "alerts": [{"alert": "X Frame Options", "pluginId": "10020", "risk": "Medium", "url": "http://app/a"}],
           "vulnerabilities": [{"type": "exposed path", "severity": "low"}]}]}}}
        """);

    assertThat(SharedModeReader.extract(frame)).containsExactly(
        Map.of("id", "zap_X_Frame_Options", "tool", "zap", "rule_id", "10020", "severity", "medium",
            "path", "http://app/a"),
        Map.of("id", "curl_exposed_path", "tool", "curl", "rule_id", "exposed path", "severity", "low",
            "path", "http://app/"));
  }

  @Test
  void aFrameThatIsNoDictHasNoFindings() throws Exception {
    assertThat(SharedModeReader.extract(json("[1, 2]"))).isEmpty();
    assertThat(SharedModeReader.extract(json("{\"analysis\": \"text\"}"))).isEmpty();
  }

  @Test
  void anAlertWithANullNameRaisesAsPythonWould() throws Exception {
    JsonNode frame = json("{\"analysis\": {\"results\": {\"dynamic\": [{\"alerts\": [{\"alert\": null}]}]}}}");

    assertThatThrownBy(() -> SharedModeReader.extract(frame)).isInstanceOf(Py.PyError.class)
        .hasMessageContaining("'NoneType' object has no attribute 'replace'");
  }
}
