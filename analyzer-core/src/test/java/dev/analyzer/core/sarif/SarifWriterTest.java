package dev.analyzer.core.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Location;
import dev.analyzer.core.findings.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SARIF output validates against the OASIS 2.1.0 schema and follows GitHub's rules. */
class SarifWriterTest {

  private static Schema schema;
  private final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = SarifWriterTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
    }
  }

  private static List<Finding> sample(Path root) {
    return List.of(
        Finding.builder("bandit", "B608").withSeverity(Severity.HIGH).withConfidence(Confidence.MEDIUM)
            .withTitle("SQL injection").withMessage("SQL built with an f-string").withCwe("89")
            .withLocation(new Location(root.resolve("backend/app.py").toString(), 12, 5, 12, 40, null, null, null))
            .withEvidence("cur.execute(f\"...\")").withRemediation("Use query parameters").build(),
        Finding.builder("bandit", "B608").withSeverity(Severity.HIGH).withTitle("SQL injection").withCwe("89")
            .withLocation(Location.inFile("backend/db utils.py", 3, null)).build(),
        Finding.builder("pylint", "C0114").withSeverity(Severity.INFO).withTitle("Missing module docstring")
            .withLocation(Location.inFile("backend/app.py", 1, 1)).build(),
        Finding.builder("dynamic-probes", "reflected-xss").withSeverity(Severity.CRITICAL).withTitle("Reflected XSS")
            .withCwe("79").withLocation(Location.atUrl("http://127.0.0.1:5000/search", "GET", "q"))
            .withEvidence("<script>alert(1)</script>").build());
  }

  @Test
  void validatesAgainstTheSarifSchema() {
    Path root = Path.of("/tmp/apps/m/app1");
    String sarif = SarifWriter.builder().withSourceRoot(root).withTool("bandit", "1.6.2", "https://bandit.readthedocs.io")
        .build().write(sample(root));

    List<Error> errors = schema.validate(sarif, InputFormat.JSON);

    assertThat(errors).isEmpty();
  }

  @Test
  void emptyFindingsValidateToo() {
    assertThat(schema.validate(SarifWriter.builder().build().write(List.of()), InputFormat.JSON)).isEmpty();
  }

  @Test
  void oneRunPerToolWithStableRuleIdsAndFingerprints() throws IOException {
    Path root = Path.of("/tmp/apps/m/app1");
    JsonNode log = mapper.readTree(SarifWriter.builder().withSourceRoot(root).build().write(sample(root)));

    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    JsonNode runs = log.get("runs");
    assertThat(runs).hasSize(3);
    JsonNode bandit = runs.get(0);
    assertThat(bandit.at("/tool/driver/name").asText()).isEqualTo("bandit");
    assertThat(bandit.at("/tool/driver/rules")).hasSize(1);
    assertThat(bandit.at("/tool/driver/rules/0/id").asText()).isEqualTo("B608");
    assertThat(bandit.at("/tool/driver/rules/0/properties/security-severity").asText()).isEqualTo("8.0");
    assertThat(bandit.at("/tool/driver/rules/0/properties/tags").toString()).contains("security", "external/cwe/cwe-89");
    JsonNode first = bandit.at("/results/0");
    assertThat(first.get("ruleIndex").asInt()).isEqualTo(0);
    assertThat(first.get("level").asText()).isEqualTo("error");
    assertThat(first.at("/partialFingerprints/analyzerFingerprint~1v1").asText()).hasSize(32);
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("backend/app.py");
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
    assertThat(bandit.at("/results/1/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("backend/db%20utils.py");
    assertThat(bandit.at("/originalUriBaseIds/%SRCROOT%/uri").asText()).isEqualTo("file:///tmp/apps/m/app1/");
  }

  @Test
  void nonSecurityRulesCarryNoSecuritySeverity() throws IOException {
    JsonNode log = mapper.readTree(SarifWriter.builder().build().write(sample(Path.of("/r"))));

    JsonNode pylintRule = log.at("/runs/1/tool/driver/rules/0");
    assertThat(pylintRule.at("/properties/security-severity").isMissingNode()).isTrue();
    assertThat(log.at("/runs/1/results/0/level").asText()).isEqualTo("note");
  }

  @Test
  void urlFindingsBecomeWebRequests() throws IOException {
    JsonNode log = mapper.readTree(SarifWriter.builder().build().write(sample(Path.of("/r"))));

    JsonNode xss = log.at("/runs/2/results/0");
    assertThat(xss.at("/webRequest/target").asText()).isEqualTo("http://127.0.0.1:5000/search");
    assertThat(xss.at("/properties/evidence").asText()).isEqualTo("<script>alert(1)</script>");
    assertThat(xss.has("locations")).isFalse();
  }

  @Test
  void runsAreCappedAtGithubsLimitMostSevereFirst() throws IOException {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < SarifWriter.MAX_RESULTS_PER_RUN + 5; i++) {
      many.add(Finding.builder("t", "r").withSeverity(Severity.LOW)
          .withLocation(Location.inFile("f.py", i + 1, null)).build());
    }
    many.add(Finding.builder("t", "r2").withSeverity(Severity.CRITICAL).withLocation(Location.inFile("g.py", 1, null)).build());

    JsonNode run = mapper.readTree(SarifWriter.builder().build().write(many)).at("/runs/0");

    assertThat(run.get("results")).hasSize(SarifWriter.MAX_RESULTS_PER_RUN);
    assertThat(run.at("/results/0/ruleId").asText()).isEqualTo("r2");
    assertThat(run.at("/properties/truncatedResults").asInt()).isEqualTo(6);
  }

  @Test
  void ruleNamesArePascalCase() {
    assertThat(SarifRules.ruleName("py.sql-format")).isEqualTo("PySqlFormat");
    assertThat(SarifRules.ruleName("B608")).isEqualTo("B608");
  }
}
