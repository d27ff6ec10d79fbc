package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.MessageType;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A terminal request: progress first, then the result with its correlation id, then close 1000. */
class AnalysisLifecycleTest extends RunningServerTest {

  @Test
  void progressThenResultThenClose1000() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      // when
      ws.send("{\"type\":\"static_analyze\",\"id\":\"a-1\",\"model_slug\":\"m\",\"app_number\":2}");

      // then
      List<Message> frames = new ArrayList<>();
      Message m;
      do {
        m = codec.decode(ws.next());
        frames.add(m);
      } while (!(m instanceof AnalysisResult));
      assertThat(frames.subList(0, frames.size() - 1)).isNotEmpty().allSatisfy(f -> {
        assertThat(f).isInstanceOf(ProgressUpdate.class);
        assertThat(((ProgressUpdate) f).correlationId()).isEqualTo("a-1");
      });
      AnalysisResult result = (AnalysisResult) m;
      assertThat(result.type()).isEqualTo(MessageType.STATIC_ANALYSIS_RESULT);
      assertThat(result.correlationId()).isEqualTo("a-1");
      assertThat(result.status()).isEqualTo(ResultStatus.SUCCESS);
      assertThat(result.service()).isEqualTo("scripted-analyzer");
      assertThat(result.analysis().findings()).hasSize(1);
      assertThat(result.analysis().modelSlug()).isEqualTo("m");
      WsClient.Close close = ws.awaitClose(Duration.ofSeconds(5));
      assertThat(close.code()).isEqualTo(1000);
      assertThat(close.reason()).isEqualTo("Analysis complete");
    }
  }

  @Test
  void theGenericAnalysisRequestIsRoutedAndAnsweredWithTheKindsResultType() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"analysis_request\",\"analysis_type\":\"security\",\"id\":\"g1\"}");

      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(10)));

      assertThat(r.correlationId()).isEqualTo("g1");
      assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
    }
  }

  @Test
  void anExceptionBecomesAnErrorResultWithoutAStackTrace() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"t1\",\"config\":{\"mode\":\"throw\"}}");

      String raw = ws.nextOfType("static_analysis_result", Duration.ofSeconds(10));
      AnalysisResult r = (AnalysisResult) codec.decode(raw);

      assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
      assertThat(r.error()).isEqualTo("internal error: the tool's output could not be parsed");
      assertThat(raw).doesNotContain("at dev.analyzer").doesNotContain("Exception");
    }
  }

  @Test
  void resultsOfSeveralMegabytesArriveWhole() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"b1\",\"config\":{\"mode\":\"big\",\"bytes\":5000000}}");

      AnalysisResult r = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(20)));

      assertThat(r.analysis().findings().get(0).evidence()).hasSize(5_000_000);
    }
  }

  @Test
  void aSourcePathOutsideTheRootsIsRefusedAsInvalidRequest() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"s1\",\"source_path\":\"" + root + "/../../etc\"}");

      String raw = ws.next();

      assertThat(raw).contains("\"code\":\"invalid_request\"").contains("outside the allowed source roots")
          .contains("\"correlation_id\":\"s1\"");
      assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
    }
  }

  @Test
  void aSecondAnalysisOnTheSameConnectionIsRefusedWhileTheFirstRuns() throws Exception {
    try (WsClient ws = WsClient.connect(server.webSocketUrl())) {
      ws.send("{\"type\":\"static_analyze\",\"id\":\"first\",\"config\":{\"mode\":\"sleep\",\"millis\":1500}}");
      ws.nextOfType("progress_update", Duration.ofSeconds(5));

      ws.send("{\"type\":\"static_analyze\",\"id\":\"second\"}");

      String refusal = ws.nextOfType("error", Duration.ofSeconds(5));
      assertThat(refusal).contains("\"code\":\"busy\"").contains("already runs an analysis");
      AnalysisResult first = (AnalysisResult) codec.decode(ws.nextOfType("static_analysis_result", Duration.ofSeconds(10)));
      assertThat(first.correlationId()).isEqualTo("first");
    }
  }
}
