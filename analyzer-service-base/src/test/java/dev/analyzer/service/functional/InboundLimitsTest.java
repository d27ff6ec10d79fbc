package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.DeflateWsClient;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a peer may send is capped by ANALYZER_MAX_REQUEST_BYTES (default 1 MiB) after inflation,
 * separately from ANALYZER_MAX_FRAME_BYTES (default 100 MiB, what the service sends); a request's
 * timeout_seconds cannot raise the service's deadline.
 */
class InboundLimitsTest extends RunningServerTest {

  private static final String TWO_MIB_PING = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

  @Override
  protected ServiceSettings settings(Path sourceRoot) {
    return super.settings(sourceRoot).withAnalysisTimeout(Duration.ofSeconds(2));
  }

  @Test
  void theDefaultsCapRequestsAtOneMebibyteWhileRepliesMayBeLarger() {
    ServiceSettings defaults = ServiceSettings.defaults(2001);

    assertThat(defaults.maxRequestBytes()).isEqualTo(1024 * 1024);
    assertThat(defaults.inboundMessageLimit()).isEqualTo(1024 * 1024);
    assertThat(defaults.maxFrameBytes()).isEqualTo(100 * 1024 * 1024);
  }

  @Test
  void aTwoMebibyteMessageClosesWith1009AndTheServiceStillAnswersOthers() throws Exception {
    try (WsClient other = WsClient.connect(server.webSocketUrl()); WsClient big = WsClient.connect(server.webSocketUrl())) {
      big.send(TWO_MIB_PING);

      assertThat(big.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1009);
      other.send("{\"type\":\"ping\",\"id\":\"still\"}");
      assertThat(((Pong) codec.decode(other.next())).correlationId()).isEqualTo("still");
    }
  }

  @Test
  void aSmallCompressedMessageThatInflatesPastTheCapClosesWith1009() throws Exception {
    try (WsClient other = WsClient.connect(server.webSocketUrl());
        DeflateWsClient bomb = new DeflateWsClient(server.webSocketUrl())) {
      assertThat(bomb.negotiatedExtensions()).contains("permessage-deflate");

      bomb.sendAsync(TWO_MIB_PING);

      assertThat(bomb.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(1009);
      other.send("{\"type\":\"ping\",\"id\":\"still\"}");
      assertThat(((Pong) codec.decode(other.next())).correlationId()).isEqualTo("still");
    }
  }

  @Test
  void aCompressedMessageUnderTheCapIsServed() throws Exception {
    try (DeflateWsClient ws = new DeflateWsClient(server.webSocketUrl())) {
      ws.send("{\"type\":\"ping\",\"id\":\"fits\",\"pad\":\"" + "x".repeat(512 * 1024) + "\"}");

      assertThat(((Pong) codec.decode(ws.next(Duration.ofSeconds(5)))).correlationId()).isEqualTo("fits");
    }
  }

  @Test
  void timeoutSecondsCanNotRaiseTheDeadlineAboveTheServicesTimeout() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      long start = System.nanoTime();
      ws.send("{\"type\":\"static_analyze\",\"id\":\"long\",\"timeout_seconds\":100000,\"config\":{\"mode\":\"sleep\"}}");

      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(6)));

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.status()).isEqualTo(ResultStatus.TIMEOUT);
      assertThat(r.error()).contains("deadline of 2 s");
      assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
    }
  }

  @Test
  void timeoutSecondsCanLowerTheDeadline() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"short\",\"timeout_seconds\":1,\"config\":{\"mode\":\"sleep\"}}");

      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(4)));

      assertThat(r.status()).isEqualTo(ResultStatus.TIMEOUT);
      assertThat(r.error()).contains("deadline of 1 s");
    }
  }
}
