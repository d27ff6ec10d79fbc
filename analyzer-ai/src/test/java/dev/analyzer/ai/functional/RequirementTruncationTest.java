package dev.analyzer.ai.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.ai.Fixtures;
import dev.analyzer.ai.ServiceRun;
import dev.analyzer.ai.requirements.RequirementLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Review finding 4: a list longer than the cap is cut, and the result says so (partial), never silently. */
class RequirementTruncationTest {

  @Test
  void moreThanFiveHundredRequirementsGivePartialWithTruncatedFrom() throws Exception {
    List<String> reqs = new ArrayList<>();
    for (int i = 0; i < RequirementLoader.MAX_REQUIREMENTS + 3; i++) {
      reqs.add("GET /api/todos lists todos " + i);
    }
    String request = "{\"type\":\"ai_analyze\",\"id\":\"t1\",\"source_path\":\"" + Fixtures.todoApp()
        + "\",\"tools\":[\"requirements-scanner\"],\"config\":{\"requirements\":"
        + new ObjectMapper().writeValueAsString(reqs) + "}}";
    try (ServiceRun s = ServiceRun.embedding(Map.of(), List.of(Fixtures.todoApp()))) {
      JsonNode r = s.send(request, "ai_analysis_result");

      assertThat(r.get("status").asText()).isEqualTo("partial");
      JsonNode scanner = r.at("/analysis/tools/requirements-scanner");
      assertThat(scanner.at("/metadata/truncated_from").asInt()).isEqualTo(503);
      assertThat(scanner.at("/metadata/notes/0").asText()).startsWith("[TRUNCATED]").contains("500 of 503");
      assertThat(r.at("/analysis/metadata/requirements_truncated_from").asInt()).isEqualTo(503);
      assertThat(r.get("error").asText()).contains("only the first 500 of 503");
    }
  }
}
