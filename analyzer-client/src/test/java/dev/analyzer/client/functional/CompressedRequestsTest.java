package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.core.settings.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the client compresses (above ANALYZER_DEFLATE_THRESHOLD, or every one with threshold 0)
 * reach a real service intact, as do the ones it sends uncompressed.
 */
class CompressedRequestsTest {

  @TempDir
  Path root;

  @ParameterizedTest
  @ValueSource(strings = {"0", "1024", "1000000"})
  void pingsAndLargeRequestsArriveWhateverTheThreshold(String threshold) throws Exception {
    try (Services.Running svc = Services.start(root);
        AnalyzerClient client = AnalyzerClient.builder()
            .withEnvironment(Environment.of(Map.of("ANALYZER_DEFLATE_THRESHOLD", threshold, "ANALYZER_DEFLATE_LEVEL", "1")))
            .withConnectionSettings(Services.connection(5, 5, Duration.ofSeconds(60), 3))
            .withReplicas(AnalysisKind.STATIC, svc.url()).build()) {
      String big = "x".repeat(200_000);
      AnalysisRequest request = Services.request("quick", "padding", big);

      Message pong = client.ping(AnalysisKind.STATIC).get(10, TimeUnit.SECONDS);
      Message result = client.submit(request, null).result().get(10, TimeUnit.SECONDS);

      assertThat(pong).isInstanceOf(Pong.class);
      assertThat(result).isInstanceOf(AnalysisResult.class);
      assertThat(((AnalysisResult) result).correlationId()).isEqualTo(request.id());
      assertThat(client.stats().replicas().get(0).failures()).isZero();
    }
  }
}
