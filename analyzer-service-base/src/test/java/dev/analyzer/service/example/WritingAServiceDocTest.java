package dev.analyzer.service.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/writing-a-service.md shows TodoFinderService verbatim, it is under 50 lines, and it works. */
class WritingAServiceDocTest {

  private static final Path SOURCE =
      Path.of("src/test/java/dev/analyzer/service/example/TodoFinderService.java");
  private static final Path DOC = Path.of("../docs/writing-a-service.md");

  @TempDir
  Path apps;

  @Test
  void theDocShowsTheExampleVerbatimAndItIsSmall() throws Exception {
    String code = Files.readString(SOURCE);

    assertThat(Files.readString(DOC)).contains("```java\n" + code + "```");
    assertThat(code.lines().count()).isLessThan(50);
  }

  @Test
  void theExampleFindsTodosThroughARealServer() throws Exception {
    Path app = Files.createDirectories(apps.resolve("m/app1/backend"));
    Files.writeString(app.resolve("app.py"), "import os\n# TODO: validate input\nprint(os.name)\n");
    Files.writeString(app.resolve("util.py"), "x = 1  # TODO remove\n");
    AnalyzerServer server = Servers.start(new TodoFinderService(), Servers.settings(apps));
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"todo-1\",\"model_slug\":\"m\",\"app_number\":1,"
          + "\"source_path\":\"" + apps.resolve("m/app1") + "\"}");

      AnalysisResult r = (AnalysisResult) ProtocolCodec.create()
          .decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(10)));

      assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(r.correlationId()).isEqualTo("todo-1");
      assertThat(r.analysis().findings()).extracting(f -> f.location().file() + ":" + f.location().line())
          .containsExactlyInAnyOrder("backend/app.py:2", "backend/util.py:1");
      assertThat(r.analysis().findings()).extracting(Finding::evidence).contains("# TODO: validate input");
      assertThat(r.analysis().toolsUsed()).containsExactly("grep");
      assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
    } finally {
      server.close();
    }
  }
}
