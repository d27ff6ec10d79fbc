package dev.analyzer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every example frame of the original services (original-analyzer.md §1, with its ".." placeholders
 * filled in) decodes, and re-encodes without losing a field.
 */
class OriginalFramesTest {

  private final ProtocolCodec codec = ProtocolCodec.create();

  @ParameterizedTest
  @ValueSource(strings = {"pong", "health_response", "error_invalid_json", "error_perf_unknown_type",
      "error_dynamic_internal", "status_update", "progress_update", "static_analysis_result",
      "static_missing_path", "static_serialization_error", "dynamic_analysis_result",
      "performance_analysis_result", "ai_analysis_result", "static_analyze_request",
      "dynamic_analyze_request", "performance_test_request", "ai_analyze_request", "ping_request",
      "health_check_request"})
  void decodesAndReencodesWithoutLosingAField(String name) throws IOException {
    String original = resource(name);

    Message decoded = codec.decode(original);
    String reencoded = codec.encode(decoded);

    JsonNode before = codec.mapper().readTree(original);
    JsonNode after = codec.mapper().readTree(reencoded);
    assertContains("$", before, after);
    assertThat(codec.decode(reencoded)).isEqualTo(decoded);
  }

  @Test
  void originalMissingPathReplyReadsAsErrorNotSuccess() throws IOException {
    AnalysisResult r = (AnalysisResult) codec.decode(resource("static_missing_path"));

    assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
    assertThat(r.analysis().error()).startsWith("Model path not found");
  }

  @Test
  void originalStaticResultKeepsItsToolRecordsAndExtras() throws IOException {
    AnalysisResult r = (AnalysisResult) codec.decode(resource("static_analysis_result"));

    assertThat(r.type()).isEqualTo(MessageType.STATIC_ANALYSIS_RESULT);
    assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(r.correlationId()).isNull();
    assertThat(r.analysis().toolsUsed()).containsExactly("bandit", "eslint");
    assertThat(r.analysis().extra()).containsKeys("_project_metadata", "sarif_export", "configuration_applied");
    @SuppressWarnings("unchecked")
    Map<String, Object> bandit = (Map<String, Object>) ((Map<String, Object>) r.analysis().results()
        .get("python")).get("bandit");
    assertThat(bandit).containsEntry("total_issues", 2).containsEntry("executed", true);
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2025-10-01T12:03:00.000001Z"));
  }

  @Test
  void originalAiPartialSuccessReadsAsPartial() throws IOException {
    AnalysisResult r = (AnalysisResult) codec.decode(resource("ai_analysis_result"));

    assertThat(r.status()).isEqualTo(ResultStatus.PARTIAL);
    assertThat(r.analysis().extra()).containsKeys("metadata", "tools", "errors");
  }

  @Test
  void originalErrorWithoutCodeUsesItsErrorTextAsMessage() throws IOException {
    ErrorMessage e = (ErrorMessage) codec.decode(resource("error_perf_unknown_type"));

    assertThat(e.code()).isNull();
    assertThat(e.message()).isEqualTo("Unknown message type: foo");
    assertThat(e.extra()).containsEntry("error", "Unknown message type: foo");
  }

  @Test
  void performanceRequestKeepsLegacyFieldsAndSelectsToolsFromThem() throws IOException {
    AnalysisRequest r = (AnalysisRequest) codec.decode(resource("performance_test_request"));

    assertThat(r.kind()).isEqualTo(AnalysisKind.PERFORMANCE);
    assertThat(r.selectedTools()).containsExactly("aiohttp", "ab");
    assertThat(r.extra()).containsEntry("users", 10).containsEntry("target_url", "http://m-app1_backend:5001");
  }

  /** Every field of {@code before} is in {@code after}, with an equal value. */
  private static void assertContains(String path, JsonNode before, JsonNode after) {
    assertThat(after).as("field %s lost", path).isNotNull();
    if (before.isObject()) {
      assertThat(after.isObject()).as("%s is still an object", path).isTrue();
      for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = path + "." + e.getKey();
        assertThat(after.has(e.getKey())).as("field %s lost", child).isTrue();
        assertContains(child, e.getValue(), after.get(e.getKey()));
      }
    } else if (before.isArray()) {
      assertThat(after.size()).as("%s length", path).isEqualTo(before.size());
      for (int i = 0; i < before.size(); i++) {
        assertContains(path + "[" + i + "]", before.get(i), after.get(i));
      }
    } else if (NORMALIZED.contains(path)) {
      assertThat(after.isTextual()).isTrue();
    } else if (before.isNumber()) {
      assertThat(after.decimalValue()).as(path).isEqualByComparingTo(before.decimalValue());
    } else {
      assertThat(after).as(path).isEqualTo(before);
    }
  }

  /** Values the codec deliberately normalizes: timestamps to UTC ISO-8601, statuses to our enum. */
  private static final Set<String> NORMALIZED = Set.of("$.timestamp", "$.status");

  private static String resource(String name) throws IOException {
    try (InputStream in = OriginalFramesTest.class.getResourceAsStream("/original-frames/" + name + ".json")) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
