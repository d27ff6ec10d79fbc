package dev.analyzer.queue;

import static dev.analyzer.queue.QueueTestSupport.request;
import static dev.analyzer.queue.QueueTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.queue.testing.NatsServerExtension;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Creating and verifying the topology, status counts and connection errors against a real nats-server. */
class TopologyScenarioTest {

  @RegisterExtension
  static final NatsServerExtension NATS = new NatsServerExtension();

  @Test
  void ensureCreatesEveryStreamConsumerAndBucketWithTheConfiguredLimits() throws Exception {
    QueueSettings s = settings(NATS.url()).withMaxDeliver(4).withAckWait(Duration.ofSeconds(7)).build();
    try (QueueConnection c = QueueConnection.open(s, "test")) {
      c.topology().ensure(EnumSet.of(AnalysisKind.STATIC));

      StreamInfo requests = c.management().getStreamInfo(c.names().requestStream(AnalysisKind.STATIC));
      assertThat(requests.getConfiguration().getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
      assertThat(requests.getConfiguration().getSubjects()).containsExactly(c.names().requestSubject(AnalysisKind.STATIC));
      ConsumerConfiguration cc = c.management()
          .getConsumerInfo(c.names().requestStream(AnalysisKind.STATIC), QueueNames.CONSUMER).getConsumerConfiguration();
      assertThat(cc.getAckWait()).isEqualTo(Duration.ofSeconds(7));
      assertThat(cc.getMaxDeliver()).isEqualTo(4);
      StreamConfiguration results = c.management().getStreamInfo(c.names().resultsStream()).getConfiguration();
      assertThat(results.getMaxMsgsPerSubject()).isEqualTo(1);
      assertThat(results.isDiscardNewPerSubject()).isTrue();
      assertThat(c.management().getStreamInfo(c.names().deadStream()).getConfiguration().getSubjects())
          .containsExactly(c.names().deadWildcard());
      assertThat(c.nats().objectStore(c.names().objectBucket()).getStatus().getBucketName())
          .isEqualTo(c.names().objectBucket());
    }
  }

  @Test
  void ensureIsIdempotentAndSafeFromManyProcessesAtOnce() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (QueueConnection c = QueueConnection.open(s, "test")) {
      List<CompletableFuture<Void>> runs = List.of(
          CompletableFuture.runAsync(() -> c.topology().ensureAll(), pool),
          CompletableFuture.runAsync(() -> c.topology().createMissing(), pool),
          CompletableFuture.runAsync(() -> c.topology().ensureAll(), pool));
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
      c.topology().ensureAll();

      assertThat(c.management().getStreamNames()).contains(c.names().requestStream(AnalysisKind.AI),
          c.names().resultsStream(), c.names().deadStream());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void changedLimitsUpdateTheConsumerInPlace() throws Exception {
    QueueSettings s = settings(NATS.url()).withMaxDeliver(3).build();
    try (QueueConnection c = QueueConnection.open(s, "a")) {
      c.topology().ensure(EnumSet.of(AnalysisKind.AI));
    }
    try (QueueConnection c = QueueConnection.open(s.toBuilder().withMaxDeliver(6).build(), "b")) {
      c.topology().ensure(EnumSet.of(AnalysisKind.AI));

      assertThat(c.management().getConsumerInfo(c.names().requestStream(AnalysisKind.AI), QueueNames.CONSUMER)
          .getConsumerConfiguration().getMaxDeliver()).isEqualTo(6);
    }
  }

  @Test
  void aSubmitterCreatesAMissingConsumerButNeverChangesTheWorkersOne() throws Exception {
    QueueSettings workers = settings(NATS.url()).withMaxDeliver(3).withAckWait(Duration.ofSeconds(9)).build();
    QueueSettings client = workers.toBuilder().withMaxDeliver(7).withAckWait(Duration.ofSeconds(30)).build();
    try (QueueConnection c = QueueConnection.open(client, "client")) {
      c.topology().createMissing();
      assertThat(c.management().getConsumerInfo(c.names().requestStream(AnalysisKind.STATIC), QueueNames.CONSUMER)
          .getConsumerConfiguration().getMaxDeliver()).as("created when missing").isEqualTo(7);
    }
    try (QueueConnection w = QueueConnection.open(workers, "worker")) {
      w.topology().ensure(EnumSet.of(AnalysisKind.STATIC));
    }
    try (QueueConnection c = QueueConnection.open(client, "client-2"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      ConsumerConfiguration cc = c.management()
          .getConsumerInfo(c.names().requestStream(AnalysisKind.STATIC), QueueNames.CONSUMER).getConsumerConfiguration();

      assertThat(cc.getMaxDeliver()).isEqualTo(3);
      assertThat(cc.getAckWait()).isEqualTo(Duration.ofSeconds(9));
    }
  }

  @Test
  void aStreamOfTheSameNameButAnotherShapeIsAnErrorNamingIt() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    try (QueueConnection c = QueueConnection.open(s, "test")) {
      String name = c.names().requestStream(AnalysisKind.DYNAMIC);
      c.management().addStream(StreamConfiguration.builder().name(name)
          .subjects(c.names().requestSubject(AnalysisKind.DYNAMIC)).retentionPolicy(RetentionPolicy.Limits).build());

      assertThatThrownBy(() -> c.topology().ensure(EnumSet.of(AnalysisKind.DYNAMIC)))
          .isInstanceOf(QueueException.class)
          .hasMessageStartingWith("stream " + name + " exists with retention limits, expected workqueue")
          .hasMessageContaining("ANALYZER_QUEUE_PREFIX");
    }
  }

  @Test
  void statusCountsPendingAndInFlightPerKind() throws Exception {
    QueueSettings s = settings(NATS.url()).build();
    try (QueueConnection c = QueueConnection.open(s, "test"); QueueSubmitter submitter = QueueSubmitter.create(c)) {
      for (int i = 0; i < 3; i++) {
        submitter.submit(request(AnalysisKind.PERFORMANCE));
      }
      io.nats.client.JetStreamSubscription sub = c.jetStream().subscribe(c.names().requestSubject(AnalysisKind.PERFORMANCE),
          io.nats.client.PullSubscribeOptions.bind(c.names().requestStream(AnalysisKind.PERFORMANCE), QueueNames.CONSUMER));
      assertThat(sub.fetch(1, Duration.ofSeconds(5))).hasSize(1);

      List<KindStatus> status = QueueInspector.of(c).status();

      assertThat(status).extracting(KindStatus::kind).containsExactly(AnalysisKind.values());
      assertThat(status).filteredOn(k -> k.kind() == AnalysisKind.PERFORMANCE).singleElement()
          .isEqualTo(new KindStatus(AnalysisKind.PERFORMANCE, true, 2, 1, 0, 0));
      assertThat(status).filteredOn(k -> k.kind() == AnalysisKind.STATIC).singleElement()
          .isEqualTo(new KindStatus(AnalysisKind.STATIC, true, 0, 0, 0, 0));
    }
  }

  @Test
  void statusOfAQueueNobodyCreatedSaysNotProvisioned() {
    QueueSettings s = settings(NATS.url()).build();
    try (QueueConnection c = QueueConnection.open(s, "test")) {
      assertThat(QueueInspector.of(c).status()).allSatisfy(k -> assertThat(k.provisioned()).isFalse());
    }
  }

  @Test
  void anUnreachableServerIsAClearError() {
    QueueSettings s = QueueSettings.builder("nats://127.0.0.1:1").withTimeout(Duration.ofMillis(500))
        .withOptions(b -> b.maxReconnects(0)).build();

    assertThatThrownBy(() -> QueueConnection.open(s, "test"))
        .isInstanceOf(QueueException.class).hasMessageStartingWith("cannot connect to NATS at [nats://127.0.0.1:1]");
  }

  @Test
  void anObjectThresholdAboveTheServersMaxPayloadIsRefusedAtConnect() {
    QueueSettings s = settings(NATS.url()).withObjectThreshold(2 * 1024 * 1024).build();

    assertThatThrownBy(() -> QueueConnection.open(s, "test"))
        .isInstanceOf(QueueException.class)
        .hasMessageStartingWith("ANALYZER_QUEUE_OBJECT_THRESHOLD is 2097152 bytes but the server's max_payload is 1048576");
  }
}
