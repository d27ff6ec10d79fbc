package dev.analyzer.service.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueSubmitter;
import dev.analyzer.queue.testing.NatsServerExtension;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.QueueModeSettings;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue analyses and WebSocket analyses share {@code ANALYZER_MAX_CONCURRENT_ANALYSES}: never more
 * run at once, queue work never makes a WebSocket request {@code busy}, a freed slot goes to the
 * waiting WebSocket analysis before the next queued one, and {@code ANALYZER_QUEUE_MAX_CONCURRENT}
 * keeps slots for the WebSocket.
 */
class SharedSlotsTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path root;
  private final ProtocolCodec codec = ProtocolCodec.create();
  private final ScriptedService service = new ScriptedService();
  private final List<WsClient> clients = new ArrayList<>();
  private AnalyzerServer server;
  private QueueConnection client;
  private QueueSubmitter submitter;

  private void start(int maxConcurrent, int maxQueued, int queueSlots) {
    QueueSettings queue = QueueSettings.builder(NATS.url()).withPrefix(NatsServerExtension.uniquePrefix())
        .withAckWait(Duration.ofSeconds(3)).withNakDelay(Duration.ZERO).build();
    server = AnalyzerServer.builder(service).withEventLoopThreads(2)
        .withSettings(Servers.settings(root).withMaxConcurrentAnalyses(maxConcurrent).withMaxQueuedAnalyses(maxQueued))
        .withQueue(QueueModeSettings.of(queue).withMaxConcurrent(queueSlots)).build().start();
    client = QueueConnection.open(queue, "test client");
    submitter = QueueSubmitter.create(client);
    await().atMost(WAIT).until(() -> Servers.get(server, "/ready").statusCode() == 200);
  }

  @AfterEach
  void stop() {
    service.gate.release(1000);
    clients.forEach(WsClient::close);
    if (server != null) {
      server.close();
      submitter.close();
      client.close();
    }
  }

  private List<AnalysisRequest> submitGated(int n) {
    List<AnalysisRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AnalysisRequest r = AnalysisRequest.builder(AnalysisKind.STATIC).withConfig(Map.of("mode", "gated")).build();
      submitter.submit(r);
      out.add(r);
    }
    return out;
  }

  private WsClient sendGated(String id) {
    WsClient ws = WsClient.connect(server.webSocketUrl());
    clients.add(ws);
    ws.send("{\"type\":\"static_analyze\",\"id\":\"" + id + "\",\"config\":{\"mode\":\"gated\"}}");
    return ws;
  }

  private Message next(WsClient ws) throws Exception {
    return codec.decode(ws.next(WAIT));
  }

  @Test
  void queueWorkHoldingEverySlotMakesAWebSocketRequestWaitNeverBusyAndTheFreedSlotIsItsFirst() throws Exception {
    // given two slots, no waiting line, and queue work holding both
    start(2, 0, 0);
    List<AnalysisRequest> queued = submitGated(4);
    await().atMost(WAIT).until(() -> service.startOrder.size() == 2);

    // when a WebSocket request arrives
    WsClient ws = sendGated("ws-1");

    // then it waits for a slot (queued, position 1), it is not refused busy
    Message first = next(ws);
    assertThat(first).isInstanceOf(ProgressUpdate.class);
    assertThat(((ProgressUpdate) first).stage()).isEqualTo("queued");
    assertThat(server.analysesInFlight()).isEqualTo(2);

    // when one queue analysis ends, the slot goes to the WebSocket analysis, not to the queue
    service.gate.release(1);
    await().atMost(WAIT).until(() -> service.startOrder.size() == 3);
    assertThat(service.startOrder.get(2)).isEqualTo("ws-1");
    assertThat(((ProgressUpdate) next(ws)).stage()).isEqualTo("started");
    assertThat(server.analysesInFlight()).isLessThanOrEqualTo(2);

    // and once everything is let through, every request ends with one result, never more than two at once
    service.gate.release(100);
    Message last;
    do {
      last = next(ws);
    } while (!(last instanceof AnalysisResult));
    assertThat(((AnalysisResult) last).status()).isEqualTo(ResultStatus.SUCCESS);
    for (AnalysisRequest r : queued) {
      assertThat(submitter.awaitResult(r.id()).get(20, TimeUnit.SECONDS).status()).isEqualTo(ResultStatus.SUCCESS);
    }
    assertThat(service.startOrder).hasSize(5);
  }

  @Test
  void queueSlotsBelowTheLimitLeaveTheRestForWebSocketAnalyses() throws Exception {
    // given three slots of which the queue may take one, and more queue work than that
    start(3, 0, 1);
    submitGated(3);
    await().atMost(WAIT).until(() -> service.startOrder.size() == 1);

    // when two WebSocket requests arrive
    WsClient a = sendGated("ws-a");
    WsClient b = sendGated("ws-b");

    // then both start at once, without waiting, and no second queue analysis starts
    await().atMost(WAIT).until(() -> service.startOrder.containsAll(List.of("ws-a", "ws-b")));
    assertThat(service.startOrder).hasSize(3);
    String health = Servers.get(server, "/health").body();
    assertThat(health).contains("\"max_concurrent\":1").contains("\"running\":1");
    assertThat(a.isClosed()).isFalse();
    assertThat(b.isClosed()).isFalse();
  }

  @Test
  void queueSlotsAboveTheServiceLimitAreRefusedNamingTheVariable() {
    QueueSettings queue = QueueSettings.builder(NATS.url()).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnalyzerServer.builder(service)
        .withSettings(Servers.settings(root).withMaxConcurrentAnalyses(2))
        .withQueue(QueueModeSettings.of(queue).withMaxConcurrent(3)).build())
        .hasMessageContaining("ANALYZER_QUEUE_MAX_CONCURRENT").hasMessageContaining("1..2");
  }
}
