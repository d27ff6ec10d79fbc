package dev.analyzer.client.queue;

import static dev.analyzer.client.testing.QueueFleet.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.ClientStats;
import dev.analyzer.client.task.TaskState;
import dev.analyzer.client.testing.QueueFleet;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.queue.testing.NatsServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A queue that cannot be reached answers as the WebSocket transport does when no replica can be
 * connected to: {@code unreachable}, at once, naming why; a bad id is an {@code error} naming it.
 */
class QueueUnavailableTest {

  @Test
  void natsDownAtSubmitIsUnreachableAndTheNextSubmitTriesAgain() throws Exception {
    String url = "nats://127.0.0.1:" + closedPort();
    try (AnalyzerClient client = AnalyzerClient.builder().withEnvironment(Environment.of(Map.of()))
        .withQueue(QueueFleet.settings(url)).build()) {
      AnalysisHandle first = client.submit(request("quick"), null);
      Message reply = first.result().get(20, TimeUnit.SECONDS);

      assertThat(ClientFailure.of(reply)).contains(ClientFailure.UNREACHABLE);
      assertThat((String) reply.extra().get("error")).contains("cannot connect to NATS at [" + url + "]");
      assertThat(first.state()).isEqualTo(TaskState.FAILED);

      Message again = client.submit(request("quick"), null).result().get(20, TimeUnit.SECONDS);
      assertThat(ClientFailure.of(again)).contains(ClientFailure.UNREACHABLE);
      ClientStats.ReplicaStats queue = queueStats(client);
      assertThat(queue.failures()).isEqualTo(2);
      assertThat(queue.requests()).as("nothing was queued").isZero();
      assertThat(queue.breaker()).isEqualTo("not_connected");
    }
  }

  @Test
  void natsGoneAfterConnectingIsUnreachableAtOnceWhileJnatsReconnects() throws Exception {
    assumeTrue(NatsServerProcess.findBinary().isPresent(), "nats-server is not installed: skipping");
    NatsServerProcess server = NatsServerProcess.start();
    try (QueueFleet fleet = QueueFleet.start(server.url()); AnalyzerClient client = fleet.client().build()) {
      assertThat(client.submit(request("quick"), null).result().get(20, TimeUnit.SECONDS))
          .isInstanceOf(AnalysisResult.class);

      server.close();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> !queueStats(client).breaker().equals("connected"));
      Message reply = client.submit(request("quick"), null).result().get(30, TimeUnit.SECONDS);

      assertThat(ClientFailure.of(reply)).contains(ClientFailure.UNREACHABLE);
      assertThat((String) reply.extra().get("error")).matches(
          "the NATS connection to \\[" + java.util.regex.Pattern.quote(server.url()) + "\\] is (reconnecting|disconnected)"
              + ": the request was not queued");
      assertThat(queueStats(client).breaker()).isIn("reconnecting", "disconnected");
    } finally {
      server.close();
    }
  }

  @Test
  void anIdThatCannotNameASubjectIsAnErrorNamingItWithoutNetworkIo() throws Exception {
    try (AnalyzerClient client = AnalyzerClient.builder().withEnvironment(Environment.of(Map.of()))
        .withQueue("nats://127.0.0.1:" + closedPort()).build()) {
      AnalysisRequest bad = AnalysisRequest.builder(AnalysisKind.STATIC).withId("app 1.run").withSourcePath("/apps/quick")
          .build();

      Message reply = client.submit(bad, null).result().get(5, TimeUnit.SECONDS);

      assertThat(ClientFailure.of(reply)).contains(ClientFailure.ERROR);
      assertThat((String) reply.extra().get("error")).startsWith("request id 'app 1.run' cannot name a queue subject");
      assertThat(queueStats(client).breaker()).isEqualTo("not_connected");
    }
  }

  private static ClientStats.ReplicaStats queueStats(AnalyzerClient client) {
    return client.stats().replicas().stream().filter(r -> r.url().startsWith("nats://") && r.service().equals("static"))
        .findFirst().orElseThrow();
  }

  /** A loopback port nothing listens on (bound, then released). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
