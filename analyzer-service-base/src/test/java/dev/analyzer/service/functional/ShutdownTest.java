package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.ScriptedServiceMain;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown delivers what is in flight, cancels what outlives the grace, then stops. */
class ShutdownTest {

  private final ProtocolCodec codec = ProtocolCodec.create();
  @TempDir
  Path root;

  @Test
  void anAnalysisInFlightDeliversItsResultThenTheServerStops() throws Exception {
    AnalyzerServer server = Servers.start(new ScriptedService(), Servers.settings(root));
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"inflight\",\"config\":{\"mode\":\"sleep\",\"millis\":1000}}");
      ws.nextOfType("progress_update", Duration.ofSeconds(5));

      // when
      server.shutdown(Duration.ofSeconds(10));

      // then
      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(1)));
      assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(r.correlationId()).isEqualTo("inflight");
    }
    assertThatPortIsClosed(server.port());
  }

  @Test
  void analysesOutlivingTheGraceAreCancelledWithAReply() throws Exception {
    AnalyzerServer server = Servers.start(new ScriptedService(), Servers.settings(root));
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"long\",\"config\":{\"mode\":\"sleep\"}}");
      ws.nextOfType("progress_update", Duration.ofSeconds(5));

      server.shutdown(Duration.ofMillis(300));

      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(1)));
      assertThat(r.status()).isEqualTo(ResultStatus.CANCELLED);
      assertThat(r.error()).isEqualTo("service shutting down");
    }
  }

  @Test
  void newAnalysesAreRefusedAsBusyWhileDraining() throws Exception {
    AnalyzerServer server = Servers.start(new ScriptedService(), Servers.settings(root));
    try (WsClient slow = WsClient.connect(server.webSocketUrl()); WsClient late = WsClient.connect(server.webSocketUrl())) {
      slow.send("{\"type\":\"static_analyze\",\"id\":\"slow\",\"config\":{\"mode\":\"sleep\",\"millis\":1500}}");
      slow.nextOfType("progress_update", Duration.ofSeconds(5));
      Thread drainer = new Thread(() -> server.shutdown(Duration.ofSeconds(10)));
      drainer.start();
      await().atMost(Duration.ofSeconds(2)).until(server::isDraining);

      late.send("{\"type\":\"static_analyze\",\"id\":\"late\"}");

      assertThat(late.next()).contains("\"code\":\"busy\"").contains("shutting down");
      drainer.join(15_000);
    }
  }

  @Test
  void sigtermDuringAnAnalysisDeliversItsResultAndExitsZero() throws Exception {
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ScriptedServiceMain.class.getName(), "--port", "0"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("READY ")) {
          url = line.substring(6).trim();
          break;
        }
      }
      assertThat(url).as("the service printed READY").isNotNull();
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();
      try (WsClient ws = WsClient.connect(url)) {
        ws.send("{\"type\":\"static_analyze\",\"id\":\"term\",\"config\":{\"mode\":\"sleep\",\"millis\":1000}}");
        ws.nextOfType("progress_update", Duration.ofSeconds(5));

        // when
        p.destroy();

        // then
        AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(10)));
        assertThat(r.status()).isEqualTo(ResultStatus.SUCCESS);
      }
      assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void sigtermStopsTheServiceWithinTheGraceEvenAfterItsSourceRootWasRemoved() throws Exception {
    // given a service started with ANALYZER_SOURCE_ROOTS=<dir>
    Path sources = java.nio.file.Files.createDirectories(root.resolve("sources"));
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ScriptedServiceMain.class.getName()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("ANALYZER_SOURCE_ROOTS", sources.toString());
    pb.environment().put("WEBSOCKET_PORT", "0");
    pb.environment().put("ANALYZER_SHUTDOWN_GRACE", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String url = readyUrl(out);
      assertThat(url).as("the service printed READY").isNotNull();
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();

      // when the directory is removed, then SIGTERM arrives
      java.nio.file.Files.delete(sources);
      p.destroy();

      // then it exits within the grace plus a few seconds, with 0
      assertThat(p.waitFor(1 + 8, TimeUnit.SECONDS)).as("the service exited after SIGTERM").isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  private static String readyUrl(BufferedReader out) throws java.io.IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("READY ")) {
        return line.substring(6).trim();
      }
    }
    return null;
  }

  private static void assertThatPortIsClosed(int port) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }
}
