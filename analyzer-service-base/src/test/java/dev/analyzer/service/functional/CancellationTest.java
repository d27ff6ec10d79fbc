package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.testing.Pids;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An analysis running {@code sh -c 'sleep 600 & sleep 600'} is stopped by cancel_request, by the
 * client disconnecting and by its deadline; each time every pid of the tree is gone within 2 s.
 */
class CancellationTest extends RunningServerTest {

  private String treeRequest(String id, Path pidFile, String extra) {
    return "{\"type\":\"static_analyze\",\"id\":\"" + id + "\"" + extra
        + ",\"config\":{\"mode\":\"tree\",\"pid_file\":\"" + pidFile + "\"}}";
  }

  private List<Long> awaitTree(Path pidFile) {
    await().atMost(Duration.ofSeconds(10)).until(() -> Pids.readPids(pidFile).size() == 3);
    try {
      List<Long> pids = Pids.readPids(pidFile);
      assertThat(pids).allSatisfy(pid -> assertThat(Pids.exists(pid)).isTrue());
      return pids;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertAllGoneWithin2s(List<Long> pids) {
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
        assertThat(pids).allSatisfy(pid -> assertThat(Pids.exists(pid)).as("pid %d", pid).isFalse()));
  }

  @Test
  void cancelRequestKillsTheTreeAndTheReplySaysCancelled() throws Exception {
    Path pidFile = root.resolve("cancel.pids");
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(treeRequest("c1", pidFile, ""));
      List<Long> pids = awaitTree(pidFile);

      // when
      ws.send("{\"type\":\"cancel_request\",\"id\":\"c1\"}");

      // then
      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(5)));
      assertThat(r.status()).isEqualTo(ResultStatus.CANCELLED);
      assertThat(r.correlationId()).isEqualTo("c1");
      assertAllGoneWithin2s(pids);
      assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
    }
  }

  @Test
  void cancelRequestFromAnotherConnectionWorksToo() throws Exception {
    Path pidFile = root.resolve("other.pids");
    try (WsClient ws = WsClient.connect(server.webSocketUrl()); WsClient control = WsClient.connect(server.webSocketUrl())) {
      ws.send(treeRequest("c2", pidFile, ""));
      List<Long> pids = awaitTree(pidFile);

      control.send("{\"type\":\"cancel_request\",\"id\":\"c2\",\"reason\":\"user pressed Ctrl-C\"}");

      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(5)));
      assertThat(r.status()).isEqualTo(ResultStatus.CANCELLED);
      assertAllGoneWithin2s(pids);
    }
  }

  @Test
  void clientDisconnectKillsTheTree() throws Exception {
    Path pidFile = root.resolve("disconnect.pids");
    WsClient ws = WsClient.connect(server.webSocketUrl());
    ws.send(treeRequest("d1", pidFile, ""));
    List<Long> pids = awaitTree(pidFile);

    // when
    ws.abort();

    // then
    assertAllGoneWithin2s(pids);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.analysesInFlight() == 0);
  }

  @Test
  void theDeadlineKillsTheTreeAndTheReplySaysTimeout() throws Exception {
    Path pidFile = root.resolve("deadline.pids");
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send(treeRequest("t1", pidFile, ",\"timeout_seconds\":2"));
      List<Long> pids = awaitTree(pidFile);

      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(10)));

      assertThat(r.status()).isEqualTo(ResultStatus.TIMEOUT);
      assertThat(r.error()).contains("deadline of 2 s");
      assertAllGoneWithin2s(pids);
    }
  }

  @Test
  void anAnalysisThatIgnoresCancellationStillGetsItsReplyAtOnceAndKeepsItsPermitUntilItReturns() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"s1\",\"config\":{\"mode\":\"stubborn\",\"millis\":1500}}");
      await().atMost(Duration.ofSeconds(5)).until(() -> server.analysesInFlight() == 1);

      ws.send("{\"type\":\"cancel_request\",\"id\":\"s1\"}");

      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(1)));
      assertThat(r.status()).isEqualTo(ResultStatus.CANCELLED);
      assertThat(server.analysesInFlight()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> server.analysesInFlight() == 0);
    }
  }
}
