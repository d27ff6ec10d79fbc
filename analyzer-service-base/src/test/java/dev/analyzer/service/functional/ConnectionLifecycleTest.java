package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.WsClient;
import org.junit.jupiter.api.Test;

/** Non-terminal frames keep the connection open; bad input gets an error and changes nothing. */
class ConnectionLifecycleTest extends RunningServerTest {

  @Test
  void threePingsAndAHealthCheckOnOneConnectionAreAllAnsweredAndItStaysOpen() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      for (int i = 1; i <= 3; i++) {
        // when
        ws.send("{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
        // then
        Pong pong = (Pong) codec.decode(ws.next());
        assertThat(pong.correlationId()).isEqualTo("p" + i);
        assertThat(pong.service()).isEqualTo("scripted-analyzer");
      }
      ws.send("{\"type\":\"health_check\",\"id\":\"h1\"}");
      HealthResponse health = (HealthResponse) codec.decode(ws.next());
      assertThat(health.correlationId()).isEqualTo("h1");
      assertThat(health.status()).isEqualTo("healthy");
      assertThat(health.version()).isEqualTo("9.9.9");
      assertThat(health.availableTools()).containsExactly("sh", "builtin");
      assertThat(health.analysesInFlight()).isZero();
      assertThat(ws.isClosed()).isFalse();
    }
  }

  @Test
  void pipelinedPingsAreAllAnsweredInOrder() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      // Sent back to back, many arrive in one read: their replies leave together at the end of it.
      for (int i = 0; i < 500; i++) {
        ws.send("{\"type\":\"ping\",\"id\":\"q" + i + "\"}");
      }

      for (int i = 0; i < 500; i++) {
        assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("q" + i);
      }
      assertThat(ws.isClosed()).isFalse();
    }
  }

  @Test
  void invalidJsonAndUnknownTypesGetErrorsAndTheConnectionStaysOpen() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{not json");
      ErrorMessage invalid = (ErrorMessage) codec.decode(ws.next());
      assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_JSON);
      assertThat(invalid.message()).startsWith("Invalid JSON format");

      ws.send("{\"type\":\"launch_rockets\",\"id\":\"x1\"}");
      ErrorMessage unknown = (ErrorMessage) codec.decode(ws.next());
      assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
      assertThat(unknown.correlationId()).isEqualTo("x1");
      assertThat(unknown.message()).contains("Unknown message type: launch_rockets");

      ws.send("{\"type\":\"pong\"}");
      assertThat(((ErrorMessage) codec.decode(ws.next())).message()).contains("pong is not a request");

      ws.send("{\"type\":\"ping\",\"id\":\"after\"}");
      assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("after");
    }
  }

  @Test
  void aWrongFieldTypeNamesTheFieldAndKeepsTheConnection() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"r1\",\"app_number\":\"one\"}");

      ErrorMessage e = (ErrorMessage) codec.decode(ws.next());

      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(e.correlationId()).isEqualTo("r1");
      assertThat(e.message()).contains("'app_number' must be an integer");
      ws.send("{\"type\":\"ping\"}");
      assertThat(codec.decode(ws.next())).isInstanceOf(Pong.class);
    }
  }

  @Test
  void binaryFramesAreAnsweredWithAnError() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.sendBinary(new byte[] {1, 2, 3});

      ErrorMessage e = (ErrorMessage) codec.decode(ws.next());

      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
      assertThat(e.message()).contains("binary frames are not supported");
    }
  }

  @Test
  void aRequestForAnotherAnalysisIsRefusedByName() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"dynamic_analyze\",\"id\":\"d1\"}");

      ErrorMessage e = (ErrorMessage) codec.decode(ws.next());

      assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
      assertThat(e.message()).contains("does not handle dynamic_analyze").contains("static_analyze");
    }
  }

  @Test
  void cancelOfAnUnknownAnalysisIsNotFound() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"cancel_request\",\"id\":\"nope\"}");

      ErrorMessage e = (ErrorMessage) codec.decode(ws.next());

      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(e.correlationId()).isEqualTo("nope");
    }
  }

  @Test
  void fragmentedMessagesAreAggregated() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.sendFragmented("{\"type\":\"pi", "ng\",\"id\":\"frag", "mented\"}");

      assertThat(((Pong) codec.decode(ws.next())).correlationId()).isEqualTo("fragmented");
    }
  }

  @Test
  void busyAnalysesNeverStallPingsOnOtherConnections() throws Exception {
    try (WsClient a = WsClient.connect(server.webSocketUrl()); WsClient b = WsClient.connect(server.webSocketUrl());
        WsClient pinger = WsClient.connect(server.webSocketUrl())) {
      a.send("{\"type\":\"static_analyze\",\"id\":\"busy-a\",\"config\":{\"mode\":\"stubborn\",\"millis\":3000}}");
      b.send("{\"type\":\"static_analyze\",\"id\":\"busy-b\",\"config\":{\"mode\":\"stubborn\",\"millis\":3000}}");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() -> server.analysesInFlight() == 2);

      for (int i = 0; i < 20; i++) {
        pinger.send("{\"type\":\"ping\",\"id\":\"live" + i + "\"}");
        Pong pong = (Pong) codec.decode(pinger.next(java.time.Duration.ofSeconds(2)));
        assertThat(pong.correlationId()).isEqualTo("live" + i);
      }
      assertThat(server.analysesInFlight()).isEqualTo(2);
    }
  }
}
