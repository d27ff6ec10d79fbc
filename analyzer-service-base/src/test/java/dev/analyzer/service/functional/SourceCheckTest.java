package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.metrics.PrometheusServiceMetrics;
import dev.analyzer.service.testing.ForwardingServiceMetrics;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source_path check runs on an analysis thread, never on the event loop (it does file-system
 * work), refuses a path that is not yet there under a link out of the root, and replies
 * invalid_request then closes 1000.
 */
class SourceCheckTest {

  private final ProtocolCodec codec = ProtocolCodec.create();
  private final ThreadRecordingMetrics metrics = new ThreadRecordingMetrics();
  @TempDir
  Path tmp;
  private Path root;
  private AnalyzerServer server;

  @BeforeEach
  void start() throws Exception {
    root = Files.createDirectories(tmp.resolve("apps")).toRealPath();
    server = AnalyzerServer.builder(new ScriptedService()).withSettings(Servers.settings(root))
        .withEventLoopThreads(1).withMetrics(metrics).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aMissingPathUnderALinkOutOfTheRootIsRefusedFromAnAnalysisThread() throws Exception {
    Files.createSymbolicLink(root.resolve("m"), Files.createDirectories(tmp.resolve("secret")));

    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"s1\",\"source_path\":\"" + root + "/m/app9\"}");

      ErrorMessage e = (ErrorMessage) codec.decode(ws.next());
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(e.correlationId()).isEqualTo("s1");
      assertThat(e.message()).contains("lies outside the allowed source roots");
      assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
    }
    assertThat(metrics.invalidRequestThreads).singleElement().asString().startsWith("analysis-");
    assertThat(server.metrics().scrape()).doesNotContain("analyzer_analyses_started_total{");
  }

  @Test
  void anAcceptedPathReachesTheServiceResolved() throws Exception {
    Files.createDirectories(root.resolve("m/app1"));
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"ok\",\"source_path\":\"" + root + "/m/../m/app1\"}");

      String result = ws.nextOfType("static_analysis_result", Duration.ofSeconds(10));
      assertThat(((dev.analyzer.core.protocol.AnalysisResult) codec.decode(result)).status())
          .isEqualTo(ResultStatus.SUCCESS);
    }
  }

  /** Records on which thread each invalid_request error was decided. */
  private static final class ThreadRecordingMetrics extends ForwardingServiceMetrics {
    final List<String> invalidRequestThreads = new CopyOnWriteArrayList<>();

    ThreadRecordingMetrics() {
      super(new PrometheusServiceMetrics(() -> 0));
    }

    @Override
    public void error(ErrorCode code) {
      if (code == ErrorCode.INVALID_REQUEST) {
        invalidRequestThreads.add(Thread.currentThread().getName());
      }
      super.error(code);
    }
  }
}
