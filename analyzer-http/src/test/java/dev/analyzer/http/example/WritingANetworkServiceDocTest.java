package dev.analyzer.http.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/writing-a-service.md shows EndpointCheckService verbatim, and it works end to end: targets
 * checked by the policy, reachability through the HTTP engine, curl's lines streamed as progress
 * before the result, and a refused target named with the setting that would allow it.
 */
class WritingANetworkServiceDocTest {

  private static final Path SOURCE = Path.of("src/test/java/dev/analyzer/http/example/EndpointCheckService.java");
  private static final Path DOC = Path.of("../docs/writing-a-service.md");

  @TempDir
  Path root;

  private HttpServer app;
  private AnalyzerServer server;

  @BeforeEach
  void start() throws Exception {
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext("/", x -> {
      int code = x.getRequestURI().getPath().equals("/robots.txt") ? 503 : 200;
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(code, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    app.start();
    server = Servers.start(new EndpointCheckService(), Servers.settings(root));
  }

  @AfterEach
  void stop() {
    server.close();
    app.stop(0);
  }

  @Test
  void theDocShowsTheExampleVerbatim() throws Exception {
    assertThat(Files.readString(DOC)).contains("```java\n" + Files.readString(SOURCE) + "```");
  }

  @Test
  void theExampleChecksTheTargetAndStreamsCurlsLinesBeforeTheResult() throws Exception {
    String url = "http://127.0.0.1:" + app.getAddress().getPort();
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"dynamic_analyze\",\"id\":\"net-1\",\"model_slug\":\"m\",\"app_number\":1,"
          + "\"target_urls\":[\"" + url + "\"]}");
      List<String> progress = new ArrayList<>();
      Message reply;
      while (true) {
        String frame = ws.next(Duration.ofSeconds(20));
        assertThat(frame).as("a frame within 20 s").isNotNull();
        Message m = ProtocolCodec.create().decode(frame);
        if (m instanceof AnalysisResult) {
          reply = m;
          break;
        }
        progress.add(frame);
      }
      AnalysisResult r = (AnalysisResult) reply;

      assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(progress).anyMatch(p -> p.contains(url + "/robots.txt 503"));
      assertThat(r.analysis().findings()).extracting(f -> f.title()).containsExactly(url + "/robots.txt answered 503");
    }
  }

  @Test
  void aTargetOutsideLoopbackIsRefusedNamingTheSettingAndNothingIsContacted() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"dynamic_analyze\",\"id\":\"net-2\",\"target_urls\":[\"http://192.0.2.10:8080\"]}");
      String frame = ws.nextOfType("dynamic_analysis_result", Duration.ofSeconds(10));

      assertThat(frame).contains("192.0.2.10").contains("ANALYZER_ALLOWED_TARGETS").contains("\"status\":\"error\"");
    }
  }
}
