package dev.analyzer.staticanalyzer.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.ServiceRun;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Given the planted-issue apps, when the real service runs python-security and js-security over
 * them, then each tool record says how its files were read (parsed, unparsed, vendored, tests,
 * templates, suppressed), traced findings are high confidence with a trace, and the SARIF export has
 * codeFlows and still validates.
 */
class EngineServiceTest {

  @Test
  @SuppressWarnings("unchecked")
  void theToolRecordsTellHowFilesWereReadAndTheSarifCarriesCodeFlows() throws Exception {
    Path app = Fixtures.app("taint");
    AnalysisResult r = ServiceRun.analyze(Map.of(), List.of(app.getParent()), "{\"type\":\"static_analyze\","
        + "\"id\":\"e-1\",\"source_path\":\"" + app + "\",\"tools\":[\"python-security\",\"js-security\"]}");

    Map<String, Object> py = (Map<String, Object>) ((Map<String, Object>) r.analysis().results().get("python"))
        .get("python-security");
    Map<String, Object> js = (Map<String, Object>) ((Map<String, Object>) r.analysis().results().get("javascript"))
        .get("js-security");
    assertThat(py).containsEntry("status", "success").containsEntry("files_unparsed", 0)
        .containsEntry("files_test", 1).containsEntry("files_templates", 1).containsEntry("findings_suppressed", 1);
    assertThat((Integer) py.get("files_parsed")).isEqualTo(3);
    assertThat(js).containsEntry("files_vendored", 1).containsEntry("files_templates", 2)
        .containsEntry("findings_suppressed", 1).containsEntry("vendored_files", List.of("express/static/js/lib/jquery-like.js"));
    assertThat(r.analysis().findings()).filteredOn(f -> f.extra().containsKey("trace")).hasSizeGreaterThan(20)
        .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.HIGH));
    String sarif = new ObjectMapper().writeValueAsString(r.analysis().extra().get("sarif_export"));
    assertThat(sarif).contains("\"codeFlows\"").contains("\"threadFlows\"");
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
      assertThat(schema.validate(sarif, InputFormat.JSON)).isEmpty();
    }
  }
}
