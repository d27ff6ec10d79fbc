package dev.analyzer.client.testing;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.AnalyzerClientBuilder;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueSubmitter;
import dev.analyzer.queue.QueueWorker;
import dev.analyzer.queue.testing.NatsServerExtension;
import java.time.Duration;
import java.util.Map;

/**
 * A queue for one test: settings under a fresh names prefix on a real nats-server, a
 * {@link QueueWorker} of the static kind on its own connection running a
 * {@link ScriptedQueueHandler}, and a client builder in queue mode with the same settings (as a
 * deployment shares {@code ANALYZER_QUEUE_*} between workers and clients). Close it after the client.
 */
public final class QueueFleet implements AutoCloseable {

  public final QueueSettings settings;
  public final ScriptedQueueHandler handler = new ScriptedQueueHandler();
  private final QueueConnection workerConnection;
  private final QueueWorker worker;

  private QueueFleet(QueueSettings settings) {
    this.settings = settings;
    this.workerConnection = QueueConnection.open(settings, "test-worker");
    this.worker = QueueWorker.builder(workerConnection).withHandler(handler).withKind(AnalysisKind.STATIC)
        .withServiceName("test-worker").withFetchWait(Duration.ofMillis(200)).build();
    worker.start();
  }

  /** Settings for tests on {@code url}: a fresh prefix, three deliveries, immediate redelivery. */
  public static QueueSettings settings(String url) {
    return QueueSettings.builder(url).withPrefix(NatsServerExtension.uniquePrefix()).withAckWait(Duration.ofSeconds(2))
        .withNakDelay(Duration.ZERO).withMaxDeliver(3).withTimeout(Duration.ofSeconds(2)).build();
  }

  /** A fleet on the server at {@code url}, its worker started. */
  public static QueueFleet start(String url) {
    return new QueueFleet(settings(url));
  }

  /** A client builder in queue mode on this fleet's queue; no environment is read. */
  public AnalyzerClientBuilder client() {
    return AnalyzerClient.builder().withEnvironment(Environment.of(Map.of())).withQueue(settings);
  }

  /** A static request in test mode {@code mode} (see {@link ScriptedQueueHandler}). */
  public static AnalysisRequest request(String mode) {
    return AnalysisRequest.builder(AnalysisKind.STATIC).withModelSlug("m").withAppNumber(1)
        .withSourcePath("/apps/" + mode).build();
  }

  /** A submitter of its own, to read what the queue stored. */
  public QueueSubmitter inspector() {
    return QueueSubmitter.create(workerConnection);
  }

  /** The worker's requests in flight. */
  public int workerInFlight() {
    return worker.inFlight();
  }

  @Override
  public void close() {
    handler.release();
    worker.close();
    workerConnection.close();
  }
}
