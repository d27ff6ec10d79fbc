package dev.analyzer.client.queue;

import static dev.analyzer.client.testing.QueueFleet.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.testing.ScriptedQueueHandler;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueWorker;
import dev.analyzer.queue.testing.NatsServerExtension;
import dev.analyzer.queue.testing.NatsServerProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ANALYZER_QUEUE_URL} alone turns queue mode on, and the queue's auth variables reach the
 * server unchanged: here a token-protected nats-server, a worker and a client configured only by
 * their environments.
 */
class QueueEnvironmentTest {

  private static final String TOKEN = "queue-token-0123";

  @Test
  void theEnvironmentSelectsTheQueueAndItsTokenIsWhatTheServerChecks() throws Exception {
    assumeTrue(NatsServerProcess.findBinary().isPresent(), "nats-server is not installed: skipping");
    try (NatsServerProcess server = NatsServerProcess.start(List.of("--auth", TOKEN))) {
      Map<String, String> vars = Map.of("ANALYZER_QUEUE_URL", server.url(), "ANALYZER_QUEUE_TOKEN", TOKEN,
          "ANALYZER_QUEUE_PREFIX", NatsServerExtension.uniquePrefix());
      ScriptedQueueHandler handler = new ScriptedQueueHandler();
      QueueSettings workerSettings = QueueSettings.fromEnvironment(Environment.of(vars)).orElseThrow();
      try (QueueConnection wc = QueueConnection.open(workerSettings, "test-worker");
          QueueWorker worker = QueueWorker.builder(wc).withHandler(handler).withKind(AnalysisKind.STATIC).build();
          AnalyzerClient client = AnalyzerClient.builder().withEnvironment(Environment.of(vars)).build()) {
        worker.start();

        Message reply = client.submit(request("quick"), null).result().get(20, TimeUnit.SECONDS);

        assertThat(client.settings().queueMode()).isTrue();
        assertThat(reply).isInstanceOf(AnalysisResult.class);
        assertThat(handler.totalRuns()).isEqualTo(1);
      }

      Map<String, String> noToken = Map.of("ANALYZER_QUEUE_URL", server.url(), "ANALYZER_QUEUE_TIMEOUT", "1");
      try (AnalyzerClient client = AnalyzerClient.builder().withEnvironment(Environment.of(noToken)).build()) {
        Message refused = client.submit(request("quick"), null).result().get(20, TimeUnit.SECONDS);

        assertThat(ClientFailure.of(refused)).contains(ClientFailure.UNREACHABLE);
        assertThat((String) refused.extra().get("error")).contains("cannot connect to NATS")
            .containsIgnoringCase("authorization");
      }
    }
  }
}
