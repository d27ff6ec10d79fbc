package dev.analyzer.manager.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.manager.AnalyzerCli;
import dev.analyzer.manager.ExitCodes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results layout, the consolidated JSON, the SARIF files and the HTML report. */
class ReportsTest {

  @TempDir
  Path out;

  @Test
  void consolidationKeepsTheSameRuleInTwoFilesApart() {
    Consolidated c = Consolidated.of(Reports.report());

    assertThat(c.findings()).hasSize(3);
    assertThat(c.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(c.summary()).containsEntry("services_executed", 1).containsEntry("services_unreachable", 1)
        .containsEntry("status", "incomplete");
    assertThat(c.countAtLeast(Severity.HIGH)).isEqualTo(3);
  }

  @Test
  void theLayoutIsTheOriginals() throws Exception {
    ResultsWriter.Written w = ResultsWriter.write(out, Consolidated.of(Reports.report()));

    assertThat(w.directory()).isEqualTo(out.resolve("openai_gpt-4/app2/task_analysis_test_0001"));
    assertThat(w.consolidated().getFileName().toString()).startsWith("openai_gpt-4_app2_task_analysis_test_0001_");
    assertThat(w.services()).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("openai_gpt-4_app2_static.json", "openai_gpt-4_app2_dynamic.json");
    JsonNode manifest = new ObjectMapper().readTree(w.manifest().toFile());
    assertThat(manifest.get("task_id").asText()).isEqualTo("analysis_test_0001");
    assertThat(manifest.get("primary_result").asText()).isEqualTo(w.directory().relativize(w.consolidated()).toString());
    JsonNode main = new ObjectMapper().readTree(w.consolidated().toFile());
    assertThat(main.at("/results/findings/0/rule_id").asText()).isEqualTo("js.inner-html");
    assertThat(main.at("/results/services/ai/state").asText()).isEqualTo("not_built");
    JsonNode staticReply = new ObjectMapper().readTree(w.services().stream()
        .filter(p -> p.toString().endsWith("_static.json")).findFirst().orElseThrow().toFile());
    assertThat(staticReply.at("/results/type").asText()).isEqualTo("static_analysis_result");
    assertThat(staticReply.at("/metadata/service_name").asText()).isEqualTo("static-analyzer");
  }

  @Test
  void theSarifFilesValidate() throws Exception {
    ResultsWriter.Written w = ResultsWriter.write(out, Consolidated.of(Reports.report()));

    assertThat(w.sarif()).hasSize(1);
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
      assertThat(schema.validate(Files.readString(w.sarif().get(0)), InputFormat.JSON)).isEmpty();
    }
  }

  @Test
  void theHtmlReportShowsTheFindingsAndEscapesEveryPayload() throws Exception {
    ResultsWriter.Written w = ResultsWriter.write(out, Consolidated.of(Reports.report()));
    String html = Files.readString(w.html());

    Document doc = Jsoup.parse(html);

    assertThat(doc.select("tr.finding")).hasSize(3);
    assertThat(doc.select("#severity-chart rect")).hasSize(5);
    assertThat(doc.select("section.service")).hasSize(3);
    assertThat(doc.select("tr.finding code").eachText()).contains("el.innerHTML = '" + Reports.PAYLOAD + "'");
    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("script").first().html()).doesNotContain("alert");
    assertThat(doc.select("b").eachText()).doesNotContain("bold");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("http://").doesNotContain("https://");
    assertThat(doc.select("select#f-tool option").eachText()).contains("python-security", "js-security");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(AnalyzerCli.execute("analyze", "--types", "bogus")).isEqualTo(ExitCodes.USAGE);
    assertThat(AnalyzerCli.execute("analyze", "--source", "/no/such/dir")).isEqualTo(ExitCodes.USAGE);
    assertThat(AnalyzerCli.execute("analyze", "--fail-on", "apocalyptic", "--source", ".")).isEqualTo(ExitCodes.USAGE);
    assertThat(AnalyzerCli.execute("frobnicate")).isEqualTo(ExitCodes.USAGE);
    assertThat(AnalyzerCli.execute("ping", "nothing")).isEqualTo(ExitCodes.USAGE);
  }
}
