package dev.analyzer.service.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ErrorMessage;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.ServiceSettings;
import dev.analyzer.service.testing.RunningServerTest;
import dev.analyzer.service.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without a queue the concurrent-analysis bound answers the excess with busy; oversize frames close with 1009. */
class LimitsTest extends RunningServerTest {

  @Override
  protected ServiceSettings settings(Path sourceRoot) {
    return super.settings(sourceRoot).withMaxConcurrentAnalyses(2).withMaxQueuedAnalyses(0)
        .withMaxFrameBytes(64 * 1024);
  }

  @Test
  void moreAnalysesThanTheBoundGetBusyAndTheOthersComplete() throws Exception {
    List<WsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        WsClient ws = WsClient.connect(server.webSocketUrl());
        clients.add(ws);
        ws.send("{\"type\":\"static_analyze\",\"id\":\"a" + i + "\",\"config\":{\"mode\":\"sleep\",\"millis\":1200}}");
      }
      int busy = 0;
      int completed = 0;
      for (WsClient ws : clients) {
        Message m;
        do {
          m = codec.decode(ws.next(Duration.ofSeconds(10)));
        } while (!(m instanceof AnalysisResult) && !(m instanceof ErrorMessage));
        if (m instanceof ErrorMessage) {
          assertThat(((ErrorMessage) m).code()).isEqualTo(ErrorCode.BUSY);
          assertThat(((ErrorMessage) m).message()).contains("limit of 2 concurrent analyses");
          busy++;
        } else {
          assertThat(((AnalysisResult) m).status()).isEqualTo(ResultStatus.SUCCESS);
          completed++;
        }
        assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1000);
      }
      assertThat(completed).isEqualTo(2);
      assertThat(busy).isEqualTo(3);
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void anOversizeFrameClosesWith1009AndOtherConnectionsKeepWorking() throws Exception {
    try (WsClient other = WsClient.connect(server.webSocketUrl())) {
      WsClient big = WsClient.connect(server.webSocketUrl());
      big.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(100 * 1024) + "\"}");

      assertThat(big.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1009);

      other.send("{\"type\":\"ping\",\"id\":\"still\"}");
      assertThat(((Pong) codec.decode(other.next())).correlationId()).isEqualTo("still");
      big.close();
    }
  }
}
