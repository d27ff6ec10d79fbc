package dev.analyzer.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.client.breaker.ReplicaBreaker;
import dev.analyzer.client.replica.Endpoint;
import dev.analyzer.client.replica.Replica;
import dev.analyzer.client.replica.ReplicaChanges;
import dev.analyzer.client.testing.FakeResolver;
import dev.analyzer.core.protocol.AnalysisKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link ReplicaDirectory} turns replica URLs and what their names resolve to into replicas. */
class ReplicaDirectoryTest {

  private static final URI HEADLESS = URI.create("ws://analyzer-static.ns.svc:2001/ws");

  private final FakeResolver dns = new FakeResolver();
  private final List<Replica> drainedCalls = new ArrayList<>();

  private ReplicaDirectory directory(URI... staticUrls) {
    Map<AnalysisKind, List<URI>> urls = new EnumMap<>(AnalysisKind.class);
    for (AnalysisKind k : AnalysisKind.values()) {
      urls.put(k, List.of(URI.create("ws://127.0.0.1:" + k.defaultPort())));
    }
    urls.put(AnalysisKind.STATIC, List.of(staticUrls));
    return new ReplicaDirectory(urls, dns, e -> new Replica(e, new ReplicaBreaker(e.toString(), 5,
        Duration.ofSeconds(60), 3, System::nanoTime)), drainedCalls::add);
  }

  private static List<String> urls(List<Replica> replicas) {
    return replicas.stream().map(r -> r.endpoint().url().toString()).toList();
  }

  @Test
  void aNameWithSeveralAddressesIsOneReplicaPerAddressThatStillNamesTheHost() {
    dns.set("analyzer-static.ns.svc", "10.1.0.5", "10.1.0.6", "10.1.0.7");

    ReplicaDirectory d = directory(HEADLESS);

    assertThat(urls(d.active(AnalysisKind.STATIC))).containsExactly("ws://10.1.0.5:2001/ws", "ws://10.1.0.6:2001/ws",
        "ws://10.1.0.7:2001/ws");
    assertThat(d.active(AnalysisKind.STATIC)).allSatisfy(r -> {
      assertThat(r.uri()).as("the handshake names the configured URL").isEqualTo(HEADLESS);
      assertThat(r.endpoint().socketAddress().getAddress()).isEqualTo(r.endpoint().address());
      assertThat(r.endpoint().socketAddress().getPort()).isEqualTo(2001);
    });
  }

  @Test
  void literalIpsAreNeverResolvedAndASingleAddressNameStaysConnectedToByName() {
    dns.set("analyzer-static", "10.1.0.5");
    URI byName = URI.create("ws://analyzer-static:2001");

    ReplicaDirectory d = directory(URI.create("ws://127.0.0.1:2001"), URI.create("ws://[::1]:2001"), byName);

    assertThat(dns.lookups()).as("one lookup, for the name only").isEqualTo(1);
    assertThat(d.active(AnalysisKind.STATIC)).extracting(Replica::endpoint).containsExactly(
        Endpoint.of(URI.create("ws://127.0.0.1:2001")), Endpoint.of(URI.create("ws://[::1]:2001")), Endpoint.of(byName));
    assertThat(d.refresh().added()).isEmpty();
  }

  @Test
  void aRefreshAddsNewAddressesAndDrainsGoneOnesUntilTheirWorkEnds() {
    dns.set("analyzer-static.ns.svc", "10.1.0.5", "10.1.0.6");
    ReplicaDirectory d = directory(HEADLESS);
    Replica leaving = d.active(AnalysisKind.STATIC).get(0);
    Replica staying = d.active(AnalysisKind.STATIC).get(1);
    leaving.started();

    dns.set("analyzer-static.ns.svc", "10.1.0.6", "10.1.0.8");
    ReplicaChanges changes = d.refresh();

    assertThat(changes.added()).extracting(e -> e.url().toString()).containsExactly("ws://10.1.0.8:2001/ws");
    assertThat(changes.drained()).containsExactly(leaving.endpoint());
    assertThat(urls(d.active(AnalysisKind.STATIC))).containsExactly("ws://10.1.0.6:2001/ws", "ws://10.1.0.8:2001/ws");
    assertThat(d.active(AnalysisKind.STATIC).get(0)).as("a staying replica keeps its breaker and counters")
        .isSameAs(staying);
    assertThat(leaving.draining()).isTrue();
    assertThat(drainedCalls).containsExactly(leaving);
    assertThat(d.draining(AnalysisKind.STATIC)).as("kept while it holds work").containsExactly(leaving);

    d.refresh();
    assertThat(d.draining(AnalysisKind.STATIC)).containsExactly(leaving);
    leaving.ended(false, Duration.ofMillis(5));
    d.refresh();

    assertThat(d.draining(AnalysisKind.STATIC)).as("forgotten once idle").isEmpty();
    assertThat(drainedCalls).as("drained once").hasSize(1);
  }

  @Test
  void anAddressThatComesBackGetsItsReplicaBack() {
    dns.set("analyzer-static.ns.svc", "10.1.0.5", "10.1.0.6");
    ReplicaDirectory d = directory(HEADLESS);
    Replica first = d.active(AnalysisKind.STATIC).get(0);
    first.started();
    dns.set("analyzer-static.ns.svc", "10.1.0.6");
    d.refresh();

    dns.set("analyzer-static.ns.svc", "10.1.0.5", "10.1.0.6");
    ReplicaChanges back = d.refresh();

    assertThat(back.added()).containsExactly(first.endpoint());
    assertThat(d.active(AnalysisKind.STATIC).get(0)).isSameAs(first);
    assertThat(first.draining()).isFalse();
    assertThat(first.inFlight()).isEqualTo(1);
  }

  @Test
  void aNameThatShrinksToOneAddressStaysBoundToThatAddress() {
    dns.set("analyzer-static.ns.svc", "10.1.0.5", "10.1.0.6");
    ReplicaDirectory d = directory(HEADLESS);

    dns.set("analyzer-static.ns.svc", "10.1.0.6");
    d.refresh();

    assertThat(urls(d.active(AnalysisKind.STATIC))).containsExactly("ws://10.1.0.6:2001/ws");
  }

  @Test
  void aNameThatGrowsFromOneAddressIsExpandedAndItsByNameReplicaDrained() {
    dns.set("analyzer-static.ns.svc", "10.1.0.5");
    ReplicaDirectory d = directory(HEADLESS);
    Replica byName = d.active(AnalysisKind.STATIC).get(0);

    dns.set("analyzer-static.ns.svc", "10.1.0.5", "10.1.0.6");
    ReplicaChanges changes = d.refresh();

    assertThat(urls(d.active(AnalysisKind.STATIC))).containsExactly("ws://10.1.0.5:2001/ws", "ws://10.1.0.6:2001/ws");
    assertThat(changes.drained()).containsExactly(byName.endpoint());
  }

  @Test
  void aFailedLookupKeepsTheLastKnownSet() {
    dns.set("analyzer-static.ns.svc", "10.1.0.5", "10.1.0.6");
    ReplicaDirectory d = directory(HEADLESS);
    List<Replica> before = d.active(AnalysisKind.STATIC);

    dns.fail("analyzer-static.ns.svc");
    ReplicaChanges changes = d.refresh();

    assertThat(changes.unresolved()).containsExactly("analyzer-static.ns.svc");
    assertThat(changes.added()).isEmpty();
    assertThat(changes.drained()).isEmpty();
    assertThat(d.active(AnalysisKind.STATIC)).isEqualTo(before);
    assertThat(before).noneMatch(Replica::draining);
  }

  @Test
  void aNameThatNeverResolvedIsOneReplicaByName() {
    ReplicaDirectory d = directory(HEADLESS);

    assertThat(d.active(AnalysisKind.STATIC)).extracting(Replica::endpoint).containsExactly(Endpoint.of(HEADLESS));
    assertThat(d.refresh().unresolved()).containsExactly("analyzer-static.ns.svc");
  }

  @Test
  void aDualStackNameCountsEachPodOnceByTheFirstAddressFamily() {
    dns.set("analyzer-static.ns.svc", "10.1.0.5", "fd00::5", "10.1.0.6", "fd00::6");

    ReplicaDirectory d = directory(HEADLESS);

    assertThat(urls(d.active(AnalysisKind.STATIC))).containsExactly("ws://10.1.0.5:2001/ws", "ws://10.1.0.6:2001/ws");
  }

  @Test
  void aUrlNamedByTwoServicesIsOneReplicaPerAddress() {
    dns.set("analyzer-static.ns.svc", "10.1.0.5", "10.1.0.6");
    Map<AnalysisKind, List<URI>> urls = new EnumMap<>(AnalysisKind.class);
    for (AnalysisKind k : AnalysisKind.values()) {
      urls.put(k, List.of(HEADLESS));
    }

    ReplicaDirectory d = new ReplicaDirectory(urls, dns, e -> new Replica(e, new ReplicaBreaker(e.toString(), 5,
        Duration.ofSeconds(60), 3, System::nanoTime)), r -> { });

    assertThat(d.active(AnalysisKind.AI)).hasSize(2);
    assertThat(d.active(AnalysisKind.AI).get(0)).isSameAs(d.active(AnalysisKind.STATIC).get(0));
    assertThat(dns.lookups()).isEqualTo(1);
  }
}
