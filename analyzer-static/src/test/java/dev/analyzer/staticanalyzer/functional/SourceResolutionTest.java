package dev.analyzer.staticanalyzer.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.WsClient;
import dev.analyzer.staticanalyzer.StaticAnalyzerService;
import dev.analyzer.staticanalyzer.StaticSettings;
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

/**
 * Given a service whose only source root holds the apps directory, and an app with a secret outside
 * that root, when a request names the outside app through {@code model_slug} (absolute, with
 * {@code ..}, through a link in the apps directory, through a linked template or app directory),
 * then nothing is scanned and the reply is an error naming the problem.
 */
class SourceResolutionTest {

  @TempDir
  static Path base;
  private static Path outside;
  private static AnalyzerServer server;
  private final ProtocolCodec codec = ProtocolCodec.create();

  @BeforeAll
  static void start() throws Exception {
    Path root = Files.createDirectories(base.resolve("root")).toRealPath();
    Path apps = Files.createDirectories(root.resolve("apps"));
    outside = Files.createDirectories(base.resolve("outside/u")).toRealPath();
    writeApp(outside.resolve("app1"));
    writeApp(outside.resolve("tmpl/app1"));
    writeApp(apps.resolve("inside/app1"));
    Files.createSymbolicLink(apps.resolve("linked"), outside);
    Files.createDirectories(apps.resolve("templated"));
    Files.createSymbolicLink(apps.resolve("templated/crud"), outside.resolve("tmpl"));
    Files.createDirectories(apps.resolve("direct"));
    Files.createSymbolicLink(apps.resolve("direct/app1"), outside.resolve("app1"));
    StaticAnalyzerService service = new StaticAnalyzerService(StaticSettings.fromEnvironment(
        Environment.of(Map.of("ANALYZER_APPS_DIR", apps.toString()))));
    server = AnalyzerServer.builder(service).withSettings(ServiceSettings.defaults(0).withPort(0)
        .withSourceRoots(List.of(root))).build().start();
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(2));
  }

  private static void writeApp(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("settings.py"), "AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'\n");
  }

  private List<Message> send(String slugJson, int app) throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"r\",\"model_slug\":" + slugJson + ",\"app_number\":" + app + "}");
      List<Message> frames = new ArrayList<>();
      Message m;
      do {
        m = codec.decode(ws.next(Duration.ofSeconds(60)));
        frames.add(m);
      } while (!(m instanceof AnalysisResult));
      return frames;
    }
  }

  /** The refusal's error, after checking that nothing was scanned. */
  private String refused(String slugJson, int app) throws Exception {
    List<Message> frames = send(slugJson, app);
    assertThat(frames).noneMatch(ProgressUpdate.class::isInstance);
    AnalysisResult r = (AnalysisResult) frames.get(frames.size() - 1);
    assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
    assertThat(r.analysis() == null ? List.of() : r.analysis().findings()).isEmpty();
    return r.error();
  }

  @Test
  void anAbsoluteSlugIsAnInvalidRequest() throws Exception {
    assertThat(refused("\"" + outside + "\"", 1)).contains("invalid request", "model_slug", "single directory name");
  }

  @Test
  void aSlugWithDotDotIsAnInvalidRequest() throws Exception {
    assertThat(refused("\"..\"", 1)).contains("invalid request", "model_slug", "'..'");
    assertThat(refused("\"../../outside/u\"", 1)).contains("invalid request", "model_slug");
    assertThat(refused("\"a\\\\..\\\\b\"", 1)).contains("invalid request", "model_slug");
  }

  @Test
  void anEmptyOrNulSlugIsAnInvalidRequest() throws Exception {
    assertThat(refused("\"\"", 1)).contains("invalid request", "model_slug", "empty");
    assertThat(refused("\"in\\u0000side\"", 1)).contains("invalid request", "model_slug", "NUL");
  }

  @Test
  void aSlugThatIsALinkOutOfTheRootsIsRefused() throws Exception {
    assertThat(refused("\"linked\"", 1)).contains("model_slug \"linked\"", "outside the allowed source roots");
  }

  @Test
  void aSlugLinkToAMissingAppOutsideIsRefusedNotReportedAsMissingInside() throws Exception {
    assertThat(refused("\"linked\"", 7)).contains("model_slug \"linked\"", "outside the allowed source roots");
  }

  @Test
  void aTemplateDirectoryLinkedOutOfTheRootsIsRefused() throws Exception {
    assertThat(refused("\"templated\"", 1)).contains("model_slug \"templated\"", "outside the allowed source roots");
  }

  @Test
  void anAppDirectoryLinkedOutOfTheRootsIsRefused() throws Exception {
    assertThat(refused("\"direct\"", 1)).contains("model_slug \"direct\"", "outside the allowed source roots");
  }

  @Test
  void aMissingAppInsideIsNotFoundAndNothingIsScanned() throws Exception {
    assertThat(refused("\"inside\"", 2)).contains("source path not found", "inside/app2");
  }

  @Test
  void anAppInsideTheRootsIsStillScanned() throws Exception {
    AnalysisResult r = (AnalysisResult) last(send("\"inside\"", 1));

    assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(r.analysis().summary()).containsEntry("files_analyzed", 1);
  }

  private static Message last(List<Message> frames) {
    return frames.get(frames.size() - 1);
  }
}
