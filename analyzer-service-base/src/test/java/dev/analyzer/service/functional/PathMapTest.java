package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.settings.SettingsException;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.PathMap;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original's manager sends {@code source_path /app/sources/{slug}/app{N}}; with
 * {@code ANALYZER_PATH_MAP=/app/sources=<dir>} the service analyzes {@code <dir>/{slug}/app{N}},
 * and the mapped path is still held to the source roots.
 */
class PathMapTest {

  private final ProtocolCodec codec = ProtocolCodec.create();
  @TempDir
  Path tmp;
  private Path apps;
  private Path outside;
  private AnalyzerServer server;

  @BeforeEach
  void start() throws Exception {
    apps = Files.createDirectories(tmp.resolve("srv/apps")).toRealPath();
    outside = Files.createDirectories(tmp.resolve("srv/secret")).toRealPath();
    Files.createDirectories(apps.resolve("openai_gpt-4/app3"));
    PathMap map = PathMap.parse("ANALYZER_PATH_MAP", "/app/sources=" + apps + ",/app/other=" + tmp.resolve("srv"));
    server = Servers.start(new ScriptedService(), Servers.settings(apps).withPathMap(map));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Message analyze(String sourcePath) throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"p\",\"source_path\":\"" + sourcePath
          + "\",\"config\":{\"mode\":\"source\"}}");
      Message m;
      do {
        m = codec.decode(ws.next(Duration.ofSeconds(10)));
      } while (!(m instanceof AnalysisResult) && !(m instanceof ErrorMessage));
      return m;
    }
  }

  @Test
  void theOriginalsContainerPathReachesTheMappedDirectory() throws Exception {
    AnalysisResult r = (AnalysisResult) analyze("/app/sources/openai_gpt-4/app3");

    assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(r.analysis().findings().get(0).evidence()).isEqualTo(apps.resolve("openai_gpt-4/app3").toString());
  }

  @Test
  void aMappedPathOutsideTheRootsIsRefusedNamingThePathGiven() throws Exception {
    // /app/other maps onto srv/, which holds the root srv/apps but is not one: srv/secret is refused.
    ErrorMessage e = (ErrorMessage) analyze("/app/other/secret");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.message()).contains("source_path /app/other/secret lies outside the allowed source roots")
        .doesNotContain(outside.toString());
  }

  @Test
  void dotDotCannotClimbOutOfTheMappedDirectory() throws Exception {
    ErrorMessage e = (ErrorMessage) analyze("/app/sources/../other/secret");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.message()).contains("lies outside the allowed source roots");
  }

  @Test
  void aSymlinkInsideTheMappedDirectoryPointingOutIsRefused() throws Exception {
    Files.createSymbolicLink(apps.resolve("escape"), outside);

    ErrorMessage e = (ErrorMessage) analyze("/app/sources/escape");

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  @Test
  void aPathMapOntoADirectoryOutsideEveryRootStopsTheServerNamingTheEntry() {
    PathMap map = PathMap.parse("ANALYZER_PATH_MAP", "/app/sources=" + outside);

    assertThatThrownBy(() -> AnalyzerServer.builder(new ScriptedService())
        .withSettings(Servers.settings(apps).withPathMap(map)).build())
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("ANALYZER_PATH_MAP entry '/app/sources=" + outside + "' maps onto a directory outside "
            + "ANALYZER_SOURCE_ROOTS");
  }
}
