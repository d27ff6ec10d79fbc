package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.AnalyzerServer;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.ScriptedService;
import dev.analyzer.service.testing.Servers;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analyses beyond the concurrent limit wait in a FIFO queue (told {@code queued} and their
 * position) instead of getting {@code busy}; they start in arrival order, can be cancelled, time out
 * and disconnect while waiting, and only past the queue is the answer {@code busy}.
 */
class QueueTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final ProtocolCodec codec = ProtocolCodec.create();
  private final ScriptedService service = new ScriptedService();
  private final List<WsClient> clients = new ArrayList<>();
  @TempDir
  Path root;
  private AnalyzerServer server;

  private void start(ServiceSettings settings) {
    server = Servers.start(service, settings);
  }

  @AfterEach
  void stop() {
    service.gate.release(1000);
    clients.forEach(WsClient::close);
    if (server != null) {
      server.close();
    }
  }

  private WsClient send(String id, String extra) {
    WsClient ws = WsClient.connect(server.webSocketUrl());
    clients.add(ws);
    ws.send("{\"type\":\"static_analyze\",\"id\":\"" + id + "\"" + extra + ",\"config\":{\"mode\":\"gated\"}}");
    return ws;
  }

  /** The next progress frame of stage {@code queued}, skipping nothing else. */
  private ProgressUpdate nextQueued(WsClient ws) throws Exception {
    ProgressUpdate p = (ProgressUpdate) codec.decode(ws.next(WAIT));
    assertThat(p.stage()).isEqualTo("queued");
    return p;
  }

  private static int position(ProgressUpdate p) {
    return ((Number) p.extra().get("queue_position")).intValue();
  }

  /** Every frame up to and including the terminal one. */
  private List<Message> untilTerminal(WsClient ws) throws Exception {
    List<Message> out = new ArrayList<>();
    Message m;
    do {
      m = codec.decode(ws.next(WAIT));
      out.add(m);
    } while (!(m instanceof AnalysisResult) && !(m instanceof ErrorMessage));
    return out;
  }

  private HealthResponse health() throws Exception {
    return (HealthResponse) codec.decode(Servers.get(server, "/health").body());
  }

  @Test
  void tenConcurrentAnalysesWithTheDefaultLimitAllSucceedAndTwoOfThemQueue() throws Exception {
    ServiceSettings settings = Servers.settings(root);
    assertThat(settings.maxConcurrentAnalyses()).isEqualTo(8);
    start(settings);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      // given ten clients sending at once
      List<Future<WsClient>> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String id = "burst" + i;
        sent.add(pool.submit(() -> send(id, "")));
      }
      List<WsClient> burst = new ArrayList<>();
      for (Future<WsClient> f : sent) {
        burst.add(f.get());
      }
      await().atMost(WAIT).until(() -> service.startOrder.size() == 8 && server.metrics().scrape()
          .contains("analyzer_analyses_queued 2.0"));
      HealthResponse h = health();
      assertThat(h.analysesInFlight()).isEqualTo(8);
      assertThat(h.extra()).containsEntry("analyses_queued", 2).containsEntry("max_queued_analyses", 256);

      // when the running ones finish
      service.gate.release(10);

      // then all ten succeed, and exactly two were told they were queued
      int sawQueued = 0;
      for (WsClient ws : burst) {
        List<Message> frames = untilTerminal(ws);
        Message last = frames.get(frames.size() - 1);
        assertThat(last).isInstanceOf(AnalysisResult.class);
        assertThat(((AnalysisResult) last).status()).isEqualTo(ResultStatus.SUCCESS);
        if (frames.stream().anyMatch(m -> m instanceof ProgressUpdate && "queued".equals(((ProgressUpdate) m).stage()))) {
          sawQueued++;
          assertThat(frames).anyMatch(m -> m instanceof ProgressUpdate && "started".equals(((ProgressUpdate) m).stage()));
        }
        assertThat(ws.awaitClose(WAIT).code()).isEqualTo(1000);
      }
      assertThat(sawQueued).isEqualTo(2);
      assertThat(service.startOrder).hasSize(10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void queuedAnalysesStartInArrivalOrderAndAreToldEachNewPosition() throws Exception {
    start(Servers.settings(root).withMaxConcurrentAnalyses(1));
    WsClient first = send("q0", "");
    await().atMost(WAIT).until(() -> service.startOrder.size() == 1);
    List<WsClient> waiting = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      WsClient ws = send("q" + i, "");
      ProgressUpdate p = nextQueued(ws);
      assertThat(position(p)).isEqualTo(i);
      assertThat(p.extra()).containsEntry("queue_length", i);
      assertThat(p.correlationId()).isEqualTo("q" + i);
      waiting.add(ws);
    }

    service.gate.release(5);

    assertThat(untilTerminal(first)).last().isInstanceOf(AnalysisResult.class);
    List<Integer> lastPositions = new ArrayList<>();
    List<Message> frames = untilTerminal(waiting.get(3));
    for (Message m : frames) {
      if (m instanceof ProgressUpdate && "queued".equals(((ProgressUpdate) m).stage())) {
        lastPositions.add(position((ProgressUpdate) m));
      }
    }
    assertThat(lastPositions).containsExactly(3, 2, 1);
    assertThat(frames.get(frames.size() - 2)).isInstanceOf(ProgressUpdate.class)
        .extracting(m -> ((ProgressUpdate) m).stage()).isEqualTo("started");
    assertThat(((AnalysisResult) frames.get(frames.size() - 1)).status()).isEqualTo(ResultStatus.SUCCESS);
    assertThat(service.startOrder).containsExactly("q0", "q1", "q2", "q3", "q4");
  }

  @Test
  void aQueuedAnalysisIsCancelledAtOnceAndFreesItsPlace() throws Exception {
    start(Servers.settings(root).withMaxConcurrentAnalyses(1));
    send("c0", "");
    await().atMost(WAIT).until(() -> service.startOrder.size() == 1);
    WsClient c1 = send("c1", "");
    nextQueued(c1);
    WsClient c2 = send("c2", "");
    assertThat(position(nextQueued(c2))).isEqualTo(2);

    // when c1 is cancelled while c0 still holds the only slot
    c1.send("{\"type\":\"cancel_request\",\"id\":\"c1\"}");

    // then c1 gets its terminal reply at once, and c2 moves up
    AnalysisResult r = (AnalysisResult) codec.decode(c1.next(WAIT));
    assertThat(r.status()).isEqualTo(ResultStatus.CANCELLED);
    assertThat(r.correlationId()).isEqualTo("c1");
    assertThat(c1.awaitClose(WAIT).code()).isEqualTo(1000);
    assertThat(position(nextQueued(c2))).isEqualTo(1);
    assertThat(health().extra()).containsEntry("analyses_queued", 1);
    assertThat(service.startOrder).containsExactly("c0");

    service.gate.release(2);
    assertThat(untilTerminal(c2)).last().isInstanceOf(AnalysisResult.class);
    assertThat(service.startOrder).containsExactly("c0", "c2");
  }

  @Test
  void aQueuedAnalysisTimesOutAtItsDeadlineAndADisconnectedOneLeavesTheQueue() throws Exception {
    start(Servers.settings(root).withMaxConcurrentAnalyses(1));
    send("d0", "");
    await().atMost(WAIT).until(() -> service.startOrder.size() == 1);
    WsClient gone = send("d1", "");
    nextQueued(gone);
    WsClient late = send("d2", ",\"timeout_seconds\":1");
    nextQueued(late);
    WsClient last = send("d3", "");
    assertThat(position(nextQueued(last))).isEqualTo(3);

    gone.abort();
    List<Message> lateFrames = untilTerminal(late);

    AnalysisResult timedOut = (AnalysisResult) lateFrames.get(lateFrames.size() - 1);
    assertThat(timedOut.status()).isEqualTo(ResultStatus.TIMEOUT);
    await().atMost(WAIT).until(() -> server.metrics().scrape().contains("analyzer_analyses_queued 1.0"));
    service.gate.release(2);
    assertThat(untilTerminal(last)).last().isInstanceOf(AnalysisResult.class);
    assertThat(service.startOrder).containsExactly("d0", "d3");
  }

  @Test
  void pastAFullQueueTheAnswerIsBusy() throws Exception {
    start(Servers.settings(root).withMaxConcurrentAnalyses(1).withMaxQueuedAnalyses(2));
    send("f0", "");
    await().atMost(WAIT).until(() -> service.startOrder.size() == 1);
    nextQueued(send("f1", ""));
    nextQueued(send("f2", ""));

    WsClient refused = send("f3", "");

    ErrorMessage e = (ErrorMessage) codec.decode(refused.next(WAIT));
    assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
    assertThat(e.correlationId()).isEqualTo("f3");
    assertThat(e.message()).contains("limit of 1 concurrent analyses and 2 queued");
    assertThat(refused.awaitClose(WAIT).code()).isEqualTo(1000);
  }

  @Test
  void withoutAQueueTheExcessIsBusyAsBefore() throws Exception {
    start(Servers.settings(root).withMaxConcurrentAnalyses(1).withMaxQueuedAnalyses(0));
    send("z0", "");
    await().atMost(WAIT).until(() -> service.startOrder.size() == 1);

    ErrorMessage e = (ErrorMessage) codec.decode(send("z1", "").next(WAIT));

    assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
  }

  @Test
  void onShutdownTheQueuedAreAnsweredBusyAtOnceAndTheRunningOneFinishes() throws Exception {
    start(Servers.settings(root).withMaxConcurrentAnalyses(1).withShutdownGrace(Duration.ofSeconds(20)));
    WsClient running = send("s0", "");
    await().atMost(WAIT).until(() -> service.startOrder.size() == 1);
    WsClient queued = send("s1", "");
    nextQueued(queued);

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(20)));

    ErrorMessage e = (ErrorMessage) codec.decode(queued.next(WAIT));
    assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
    assertThat(e.message()).contains("shutting down");
    assertThat(server.analysesInFlight()).isEqualTo(1);
    service.gate.release(1);
    List<Message> frames = untilTerminal(running);
    assertThat(((AnalysisResult) frames.get(frames.size() - 1)).status()).isEqualTo(ResultStatus.SUCCESS);
    shutdown.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(service.startOrder).containsExactly("s0");
  }
}
