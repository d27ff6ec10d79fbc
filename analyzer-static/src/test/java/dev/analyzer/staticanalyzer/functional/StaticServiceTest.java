package dev.analyzer.staticanalyzer.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.WsClient;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.StaticAnalyzerService;
import dev.analyzer.staticanalyzer.StaticSettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static service on a real socket: protocol, result shape, merged findings, SARIF, source resolution. */
class StaticServiceTest {

  @TempDir
  static Path appsDir;
  private static AnalyzerServer server;
  private final ProtocolCodec codec = ProtocolCodec.create();

  @BeforeAll
  static void start() throws Exception {
    copy(Fixtures.app("vulnerable"), appsDir.resolve("openai_gpt-4/app1"));
    copy(Fixtures.app("clean"), appsDir.resolve("anthropic_claude/crud_todo_list/app3"));
    StaticAnalyzerService service = new StaticAnalyzerService(StaticSettings.fromEnvironment(
        Environment.of(Map.of("ANALYZER_APPS_DIR", appsDir.toString()))));
    server = AnalyzerServer.builder(service).withSettings(ServiceSettings.defaults(0).withPort(0)
        .withSourceRoots(List.of(appsDir, Fixtures.app("vulnerable").getParent()))).build().start();
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(2));
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    }
  }

  private List<Message> analyze(String request) throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(request);
      List<Message> frames = new ArrayList<>();
      Message m;
      do {
        m = codec.decode(ws.next(Duration.ofSeconds(60)));
        frames.add(m);
      } while (!(m instanceof AnalysisResult) && !(m instanceof dev.analyzer.core.protocol.ErrorMessage));
      assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
      return frames;
    }
  }

  @Test
  void healthListsTheBuiltinTools() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"ping\",\"id\":\"p\"}");
      assertThat(ws.next()).contains("\"type\":\"pong\"");
      ws.send("{\"type\":\"health_check\"}");
      HealthResponse h = (HealthResponse) codec.decode(ws.next());
      assertThat(h.service()).isEqualTo("static-analyzer");
      assertThat(h.availableTools()).contains("secrets", "python-security", "js-security", "config", "dependencies");
    }
  }

  @Test
  void analyzesTheVulnerableAppFromTheAppsDirectory() throws Exception {
    List<Message> frames = analyze("{\"type\":\"static_analyze\",\"id\":\"s-1\",\"model_slug\":\"openai_gpt-4\",\"app_number\":1}");

    AnalysisResult r = (AnalysisResult) frames.get(frames.size() - 1);
    assertThat(r.correlationId()).isEqualTo("s-1");
    assertThat(r.status()).isIn(ResultStatus.SUCCESS, ResultStatus.PARTIAL);
    List<ProgressUpdate> progress = frames.stream().filter(ProgressUpdate.class::isInstance).map(ProgressUpdate.class::cast).toList();
    assertThat(progress).extracting(ProgressUpdate::stage).contains("tool_started", "tool_finished");
    assertThat(progress).anySatisfy(p -> assertThat(p.message()).contains("python-security: "));
    assertThat(r.analysis().results()).containsKeys("python", "javascript", "structure");
    @SuppressWarnings("unchecked")
    Map<String, Object> py = (Map<String, Object>) ((Map<String, Object>) r.analysis().results().get("python"))
        .get("python-security");
    assertThat(py).containsEntry("status", "success").containsEntry("executed", true);
    assertThat((Integer) py.get("total_issues")).isGreaterThanOrEqualTo(16);
    assertThat(r.analysis().summary()).containsKeys("total_issues_found", "severity_breakdown", "files_skipped",
        "osv_snapshot_date", "tools_run_successfully");
    assertThat(r.analysis().findings()).extracting(f -> f.location().file()).doesNotContainSequence("node_modules")
        .noneMatch(f -> f.contains("node_modules"));
    Finding stripe = r.analysis().findings().stream()
        .filter(f -> f.location().file().equals(".env") && f.location().line() == 4).findFirst().orElseThrow();
    assertThat(stripe.tools()).contains("secrets", "config");
    assertThat(r.analysis().extra()).containsKeys("_project_metadata", "sarif_export");
  }

  @Test
  void theSarifExportValidatesAgainstTheSchema() throws Exception {
    AnalysisResult r = (AnalysisResult) last(analyze("{\"type\":\"static_analyze\",\"id\":\"s-2\",\"source_path\":\""
        + Fixtures.app("vulnerable") + "\"}"));

    String sarif = new ObjectMapper().writeValueAsString(r.analysis().extra().get("sarif_export"));
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
      assertThat(schema.validate(sarif, InputFormat.JSON)).isEmpty();
    }
    assertThat(sarif).contains("\"name\":\"python-security\"").contains("\"name\":\"secrets\"");
  }

  @Test
  void theTemplateLayoutIsFoundAndTheCleanAppHasNoCodeFindings() throws Exception {
    AnalysisResult r = (AnalysisResult) last(analyze(
        "{\"type\":\"analysis_request\",\"analysis_type\":\"security\",\"id\":\"s-3\",\"model_slug\":\"anthropic_claude\",\"app_number\":3}"));

    assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(r.analysis().findings()).filteredOn(f -> f.tool().endsWith("-security") || f.tool().equals("secrets")
        || f.tool().equals("config") || f.tool().equals("dependencies")).isEmpty();
  }

  @Test
  void aMissingAppIsAnErrorNamingThePath() throws Exception {
    AnalysisResult r = (AnalysisResult) last(analyze("{\"type\":\"static_analyze\",\"id\":\"s-4\",\"model_slug\":\"nobody\",\"app_number\":9}"));

    assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
    assertThat(r.error()).contains("source path not found").contains("nobody").contains("app9");
  }

  @Test
  void selectedAndDisabledToolsAreHonoured() throws Exception {
    AnalysisResult r = (AnalysisResult) last(analyze("{\"type\":\"static_analyze\",\"id\":\"s-5\",\"source_path\":\""
        + Fixtures.app("vulnerable") + "\",\"tools\":[\"secrets\",\"config\",\"nosuchtool\"],\"config\":{\"config\":{\"enabled\":false}}}"));

    assertThat(r.analysis().toolsUsed()).containsExactly("secrets");
    @SuppressWarnings("unchecked")
    Map<String, Object> structure = (Map<String, Object>) r.analysis().results().get("structure");
    assertThat(structure.get("config")).asString().contains("skipped");
    assertThat(r.analysis().results().get("_metadata")).asString().contains("not_available")
        .contains("unknown_tool").contains("nosuchtool is not a tool of this service");
  }

  private static Message last(List<Message> frames) {
    return frames.get(frames.size() - 1);
  }
}
