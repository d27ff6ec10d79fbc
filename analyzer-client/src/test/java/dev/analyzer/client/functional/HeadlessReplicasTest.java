package dev.analyzer.client.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.analyzer.client.AnalysisHandle;
import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.ClientStats;
import dev.analyzer.client.replica.ReplicaChanges;
import dev.analyzer.client.testing.FakeResolver;
import dev.analyzer.client.testing.Services;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ResultStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica URL naming a Kubernetes headless Service: its name resolves (here through a
 * {@link FakeResolver}) to one address per pod, and the pods are real services on the loopback
 * aliases 127.0.0.1, 127.0.0.2 and 127.0.0.3, all on the same port as pods behind one Service are.
 */
class HeadlessReplicasTest {

  private static final String NAME = "analyzer-static.analyzers.svc.cluster.local";

  @TempDir
  Path root;

  private final List<Services.Running> pods = new ArrayList<>();
  private final FakeResolver dns = new FakeResolver();

  @AfterEach
  void stopPods() {
    pods.forEach(Services.Running::close);
  }

  /** Three pods on one port, one per loopback alias; the port is retried when an alias has it taken. */
  private int startPods() {
    for (int attempt = 0; ; attempt++) {
      Services.Running first = Services.startOn(root, "127.0.0.1", 0);
      int port = first.server().port();
      try {
        Services.Running second = Services.startOn(root, "127.0.0.2", port);
        try {
          Services.Running third = Services.startOn(root, "127.0.0.3", port);
          pods.addAll(List.of(first, second, third));
          return port;
        } catch (RuntimeException taken) {
          second.close();
          throw taken;
        }
      } catch (RuntimeException taken) {
        first.close();
        if (attempt == 4) {
          throw taken;
        }
      }
    }
  }

  private AnalyzerClient client(int port) {
    return Services.client(Services.connection(16, 5, Duration.ofSeconds(60), 3), "ws://" + NAME + ":" + port)
        .withResolver(dns).withReplicaRefresh(Duration.ZERO).build();
  }

  private static AnalysisHandle gated(AnalyzerClient client, String gate, int n) {
    return client.submit(Services.request("gate", "gate", gate, "n", n), null);
  }

  private static void succeeded(AnalysisHandle h) throws Exception {
    Message reply = h.result().get(10, TimeUnit.SECONDS);
    assertThat(reply).as("reply %s", reply).isInstanceOf(AnalysisResult.class);
    assertThat(((AnalysisResult) reply).status()).isEqualTo(ResultStatus.SUCCESS);
  }

  private static ClientStats.ReplicaStats stats(AnalyzerClient client, String url) {
    return staticReplicas(client).stream().filter(r -> r.url().equals(url)).findFirst().orElseThrow();
  }

  private static List<ClientStats.ReplicaStats> staticReplicas(AnalyzerClient client) {
    return client.stats().replicas().stream().filter(r -> r.service().equals("static")).toList();
  }

  @Test
  void analysesSpreadOverEveryPodOfTheName() throws Exception {
    int port = startPods();
    dns.set(NAME, "127.0.0.1", "127.0.0.2", "127.0.0.3");
    try (AnalyzerClient client = client(port)) {
      List<AnalysisHandle> handles = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        handles.add(gated(client, "spread", i));
      }

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(pods).allSatisfy(p -> assertThat(p.gates().arrived("spread")).as(p.host()).isEqualTo(2)));
      assertThat(staticReplicas(client)).extracting(ClientStats.ReplicaStats::url).containsExactly(
          "ws://127.0.0.1:" + port, "ws://127.0.0.2:" + port, "ws://127.0.0.3:" + port);
      pods.forEach(p -> p.gates().open("spread"));
      for (AnalysisHandle h : handles) {
        succeeded(h);
      }
    }
  }

  @Test
  void aGonePodIsDrainedItsAnalysisFinishesAndANewPodTakesTheNewWork() throws Exception {
    int port = startPods();
    Services.Running leaving = pods.get(0);
    Services.Running staying = pods.get(1);
    Services.Running joining = pods.get(2);
    dns.set(NAME, "127.0.0.1", "127.0.0.2");
    try (AnalyzerClient client = client(port)) {
      List<AnalysisHandle> before = List.of(gated(client, "before", 0), gated(client, "before", 1));
      await().atMost(Duration.ofSeconds(10)).until(() -> leaving.gates().arrived("before") == 1
          && staying.gates().arrived("before") == 1);

      dns.set(NAME, "127.0.0.2", "127.0.0.3");
      ReplicaChanges changes = client.refreshReplicas();

      assertThat(changes.drained()).extracting(e -> e.url().toString()).containsExactly("ws://127.0.0.1:" + port);
      assertThat(changes.added()).extracting(e -> e.url().toString()).containsExactly("ws://127.0.0.3:" + port);
      ClientStats.ReplicaStats draining = stats(client, "ws://127.0.0.1:" + port);
      assertThat(draining.draining()).isTrue();
      assertThat(draining.inFlight()).isEqualTo(1);

      List<AnalysisHandle> after = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        after.add(gated(client, "after", i));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> staying.gates().arrived("after")
          + joining.gates().arrived("after") == 4);
      assertThat(leaving.gates().arrived("after")).as("no new work for a draining pod").isZero();
      // least loaded first: the new pod (0 in flight) takes work until it holds as much as the staying one (1)
      assertThat(joining.gates().arrived("after")).as("the new pod takes its share").isBetween(2, 3);

      leaving.gates().open("before");
      await().atMost(Duration.ofSeconds(10)).until(() -> before.stream().anyMatch(h -> h.result().isDone()));
      AnalysisHandle drainedOne = before.stream().filter(h -> h.result().isDone()).findFirst().orElseThrow();
      succeeded(drainedOne);
      assertThat(stats(client, "ws://127.0.0.1:" + port).inFlight()).as("the drained pod's analysis finished").isZero();
      staying.gates().open("before");
      for (AnalysisHandle h : before) {
        succeeded(h);
      }
      pods.forEach(p -> p.gates().open("after"));
      for (AnalysisHandle h : after) {
        succeeded(h);
      }
      client.refreshReplicas();
      assertThat(staticReplicas(client)).extracting(ClientStats.ReplicaStats::url)
          .containsExactly("ws://127.0.0.2:" + port, "ws://127.0.0.3:" + port);
    }
  }

  @Test
  void aFailedLookupKeepsBalancingOverTheLastKnownPods() throws Exception {
    int port = startPods();
    dns.set(NAME, "127.0.0.1", "127.0.0.2");
    try (AnalyzerClient client = client(port)) {
      dns.fail(NAME);

      ReplicaChanges changes = client.refreshReplicas();
      AnalysisHandle a = gated(client, "kept", 0);
      AnalysisHandle b = gated(client, "kept", 1);

      assertThat(changes.unresolved()).containsExactly(NAME);
      await().atMost(Duration.ofSeconds(10)).until(() -> pods.get(0).gates().arrived("kept") == 1
          && pods.get(1).gates().arrived("kept") == 1);
      pods.forEach(p -> p.gates().open("kept"));
      succeeded(a);
      succeeded(b);
    }
  }

  @Test
  void literalIpsNeverConsultTheResolver() throws Exception {
    int port = startPods();
    try (AnalyzerClient client = Services.client(Services.connection(4, 5, Duration.ofSeconds(60), 3),
        "ws://127.0.0.2:" + port).withResolver(dns).build()) {
      succeeded(client.submit(Services.request("quick"), null));

      assertThat(client.refreshReplicas().added()).isEmpty();
      assertThat(dns.lookups()).isZero();
      assertThat(pods.get(1).service().analyses.get()).isEqualTo(1);
    }
  }

  @Test
  void aPingGoesToAPodByAddressOnItsOwnPooledConnection() throws Exception {
    int port = startPods();
    dns.set(NAME, "127.0.0.1", "127.0.0.2");
    try (AnalyzerClient client = client(port)) {
      var health = client.healthOfReplicas(dev.analyzer.core.protocol.AnalysisKind.STATIC);

      assertThat(health.keySet()).extracting(Object::toString).containsExactly("ws://127.0.0.1:" + port,
          "ws://127.0.0.2:" + port);
      for (var reply : health.values()) {
        assertThat(dev.analyzer.client.ClientFailure.of(reply.get(10, TimeUnit.SECONDS))).isEmpty();
      }
      assertThat(client.stats().pooledConnections()).as("one idle connection per pod").isEqualTo(2);
    }
  }
}
