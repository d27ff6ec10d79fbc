package dev.analyzer.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.analyzer.http.target.AllowList;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.http.testing.LeakWatch;
import dev.analyzer.http.testing.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEngineTest {

  /** evil.test resolves to a public address; the tests never connect to it. */
  static final AtomicInteger EVIL_LOOKUPS = new AtomicInteger();
  static final HostResolver RESOLVER = host -> {
    if (host.equals("evil.test")) {
      EVIL_LOOKUPS.incrementAndGet();
      return List.of(InetAddress.getByName("93.184.216.34"));
    }
    if (host.equals("app.test")) {
      return List.of(InetAddress.getByName("127.0.0.1"));
    }
    throw new UnknownHostException(host);
  };
  static final TargetPolicy POLICY = TargetPolicy.of(AllowList.none(), RESOLVER);

  TestServer server;
  HttpEngine engine;
  ResolvedTarget target;

  @BeforeEach
  void start() throws Exception {
    LeakWatch.install();
    server = TestServer.http();
    engine = HttpEngine.builder().withTargetPolicy(POLICY).withReadTimeout(Duration.ofSeconds(5)).build();
    target = POLICY.check(Target.parse("http://127.0.0.1:" + server.port()));
  }

  @AfterEach
  void stop() {
    engine.close();
    server.close();
  }

  @AfterAll
  static void noLeaks() {
    assertThat(LeakWatch.level().name()).isEqualTo("PARANOID");
    assertThat(LeakWatch.leaks()).isEmpty();
  }

  static HttpFailure.Kind failureKind(CompletableFuture<?> f) {
    try {
      f.join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(HttpFailure.class);
      return ((HttpFailure) e.getCause()).kind();
    }
    throw new AssertionError("expected a failure, got " + f.join());
  }

  @Test
  void keepAliveReusesOneConnectionAndSendsTheTargetsHost() {
    HttpSession s = engine.openSession(RequestBudget.unlimited(), false);
    for (int i = 0; i < 20; i++) {
      HttpResponse r = s.send(HttpRequest.get(target, "/hello")).join();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.bodyText()).isEqualTo("hello");
    }
    assertThat(server.connections()).isEqualTo(1);
    assertThat(s.connectionsOpened()).isEqualTo(1);
    ResolvedTarget named = POLICY.check(Target.parse("http://app.test:" + server.port()));
    assertThat(s.send(HttpRequest.get(named, "/host")).join().bodyText()).isEqualTo("app.test:" + server.port());
  }

  @Test
  void idleConnectionsAreClosedAfterTheIdleTimeout() {
    try (HttpEngine brief = HttpEngine.builder().withTargetPolicy(POLICY).withIdleTimeout(Duration.ofMillis(150))
        .build()) {
      HttpSession s = brief.openSession(RequestBudget.unlimited(), false);
      s.send(HttpRequest.get(target, "/hello")).join();
      s.send(HttpRequest.get(target, "/hello")).join();
      assertThat(s.connectionsOpened()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> s.openConnections() == 0);
      s.send(HttpRequest.get(target, "/hello")).join();
      assertThat(s.connectionsOpened()).isEqualTo(2);
    }
  }

  @Test
  void readTimeoutAndTotalTimeout() {
    try (HttpEngine quick = HttpEngine.builder().withTargetPolicy(POLICY).withReadTimeout(Duration.ofMillis(200))
        .build()) {
      assertThat(failureKind(quick.send(HttpRequest.get(target, "/hold"), RequestBudget.unlimited())))
          .isEqualTo(HttpFailure.Kind.READ_TIMEOUT);
    }
    HttpRequest r = HttpRequest.builder(target).withPath("/hold").withTimeout(Duration.ofMillis(200)).build();
    long t0 = System.nanoTime();
    assertThat(failureKind(engine.send(r, RequestBudget.unlimited()))).isEqualTo(HttpFailure.Kind.TOTAL_TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void refusedConnect() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ResolvedTarget closed = POLICY.check(Target.parse("http://127.0.0.1:" + port));
    assertThat(failureKind(engine.send(HttpRequest.get(closed, "/"), RequestBudget.unlimited())))
        .isEqualTo(HttpFailure.Kind.CONNECT_REFUSED);
  }

  @Test
  void bodyCapTruncatesAndFlagsOrFails() {
    HttpSession s = engine.openSession(RequestBudget.unlimited(), false);
    HttpResponse r = s.send(HttpRequest.builder(target).withPath("/big?n=100000").withMaxBodyBytes(1000, false)
        .build()).join();
    assertThat(r.body()).hasSize(1000);
    assertThat(r.bodyBytes()).isEqualTo(100000);
    assertThat(r.truncated()).isTrue();
    assertThat(s.send(HttpRequest.get(target, "/hello")).join().bodyText()).isEqualTo("hello");
    assertThat(s.connectionsOpened()).isEqualTo(1);
    assertThat(failureKind(s.send(HttpRequest.builder(target).withPath("/big?n=100000")
        .withMaxBodyBytes(1000, true).build()))).isEqualTo(HttpFailure.Kind.BODY_TOO_LARGE);
  }

  @Test
  void aBodyFarPastTheCapIsCutAndItsConnectionClosed() {
    HttpSession s = engine.openSession(RequestBudget.unlimited(), false);
    HttpResponse r = s.send(HttpRequest.builder(target).withPath("/gzip?n=20000000").withMaxBodyBytes(100, false)
        .build()).join();
    assertThat(r.truncated()).isTrue();
    assertThat(r.body()).hasSize(100);
    assertThat(r.bodyBytes()).isGreaterThan(ExchangeHandler.MAX_DRAIN_BYTES).isLessThan(20_000_000);
    s.send(HttpRequest.get(target, "/hello")).join();
    assertThat(s.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void aRebindingResolverCannotMoveTheConnection() {
    AtomicInteger lookups = new AtomicInteger();
    HostResolver rebinding = host -> List.of(InetAddress.getByName(
        lookups.getAndIncrement() == 0 ? "127.0.0.1" : "93.184.216.34"));
    TargetPolicy policy = TargetPolicy.of(AllowList.none(), rebinding);
    ResolvedTarget pinned = policy.check(Target.parse("http://rebind.test:" + server.port()));
    try (HttpEngine e = HttpEngine.builder().withTargetPolicy(policy).build()) {
      for (int i = 0; i < 5; i++) {
        HttpSession s = e.openSession(RequestBudget.unlimited(), false);
        assertThat(s.send(HttpRequest.get(pinned, "/host")).join().bodyText())
            .isEqualTo("rebind.test:" + server.port());
        s.close();
      }
    }
    assertThat(lookups).hasValue(1);
    assertThat(server.connections()).isEqualTo(5);
  }

  @Test
  void gzipIsInflatedAndTheCapAppliesAfterInflation() {
    HttpResponse full = engine.send(HttpRequest.get(target, "/gzip?n=200000"), RequestBudget.unlimited()).join();
    assertThat(full.bodyText()).hasSize(200000).matches("a+");
    HttpResponse capped = engine.send(HttpRequest.builder(target).withPath("/gzip?n=200000")
        .withMaxBodyBytes(5000, false).build(), RequestBudget.unlimited()).join();
    assertThat(capped.body()).hasSize(5000);
    assertThat(capped.bodyBytes()).isEqualTo(200000);
    assertThat(capped.truncated()).isTrue();
  }

  @Test
  void redirectsOffByDefaultOnPerRequestAndEveryHopChecked() {
    String to = "http://app.test:" + server.port() + "/hello";
    HttpResponse off = engine.send(HttpRequest.get(target, "/redirect?to=" + to), RequestBudget.unlimited()).join();
    assertThat(off.status()).isEqualTo(302);
    HttpResponse on = engine.send(HttpRequest.builder(target).withPath("/redirect?to=" + to).withMaxRedirects(3)
        .build(), RequestBudget.unlimited()).join();
    assertThat(on.status()).isEqualTo(200);
    assertThat(on.bodyText()).isEqualTo("hello");
    assertThat(on.redirects()).isEqualTo(1);
    assertThat(on.uri().toString()).isEqualTo(to);

    int before = server.requests();
    CompletableFuture<HttpResponse> evil = engine.send(HttpRequest.builder(target)
        .withPath("/redirect?to=http://evil.test/steal").withMaxRedirects(3).build(), RequestBudget.unlimited());
    assertThatThrownBy(evil::join).hasCauseInstanceOf(HttpFailure.class)
        .hasMessageContaining("evil.test").hasMessageContaining("93.184.216.34")
        .hasMessageContaining("ANALYZER_ALLOWED_TARGETS");
    assertThat(failureKind(evil)).isEqualTo(HttpFailure.Kind.REDIRECT_REFUSED);
    assertThat(EVIL_LOOKUPS.get()).isPositive();
    assertThat(server.requests()).isEqualTo(before + 1);

    String loop = "/redirect?to=/redirect%3Fto%3D/hello";
    assertThat(failureKind(engine.send(HttpRequest.builder(target).withPath(loop).withMaxRedirects(1).build(),
        RequestBudget.unlimited()))).isEqualTo(HttpFailure.Kind.TOO_MANY_REDIRECTS);
  }

  @Test
  void budgetIsEnforcedAndReported() {
    RequestBudget budget = RequestBudget.builder().withMaxRequests(3).build();
    HttpSession s = engine.openSession(budget, false);
    for (int i = 0; i < 3; i++) {
      s.send(HttpRequest.get(target, "/hello")).join();
    }
    assertThat(budget.snapshot().budgetExhausted()).isTrue();
    assertThat(failureKind(s.send(HttpRequest.get(target, "/hello")))).isEqualTo(HttpFailure.Kind.BUDGET_EXHAUSTED);
    assertThat(budget.snapshot().requestsSent()).isEqualTo(3);
    assertThat(server.requests()).isEqualTo(3);

    RequestBudget bytes = RequestBudget.builder().withMaxBytes(10).build();
    engine.send(HttpRequest.get(target, "/big?n=50"), bytes).join();
    assertThat(failureKind(engine.send(HttpRequest.get(target, "/hello"), bytes)))
        .isEqualTo(HttpFailure.Kind.BUDGET_EXHAUSTED);
    assertThat(bytes.snapshot().bytesReceived()).isEqualTo(50);

    RequestBudget hops = RequestBudget.builder().withMaxRequests(1).build();
    assertThat(failureKind(engine.send(HttpRequest.builder(target).withPath("/redirect?to=/hello")
        .withMaxRedirects(2).build(), hops))).isEqualTo(HttpFailure.Kind.BUDGET_EXHAUSTED);
  }

  @Test
  void sessionCloseFailsInFlightRequestsPromptly() {
    HttpSession s = engine.openSession(RequestBudget.unlimited(), false);
    List<CompletableFuture<HttpResponse>> inFlight = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      inFlight.add(s.send(HttpRequest.get(target, "/hold")));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> server.held() == 5);
    long t0 = System.nanoTime();
    s.close();
    for (CompletableFuture<HttpResponse> f : inFlight) {
      assertThat(failureKind(f)).isEqualTo(HttpFailure.Kind.CLOSED);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertThat(failureKind(s.send(HttpRequest.get(target, "/hello")))).isEqualTo(HttpFailure.Kind.CLOSED);
  }

  @Test
  void theRateIsPacedInsideTheEngine() {
    RequestBudget paced = RequestBudget.builder().withMaxRate(20).build();
    HttpSession s = engine.openSession(paced, false);
    long t0 = System.nanoTime();
    List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(s.send(HttpRequest.get(target, "/hello")));
    }
    all.forEach(CompletableFuture::join);
    // six requests at 20/s: the last may start 250 ms after the first, not before
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(paced.snapshot().requestsSent()).isEqualTo(6);
  }

  @Test
  void connectionsPerTargetAreBoundedAndWaitersServed() {
    try (HttpEngine two = HttpEngine.builder().withTargetPolicy(POLICY).withMaxConnectionsPerTarget(2).build()) {
      HttpSession s = two.openSession(RequestBudget.unlimited(), false);
      List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        all.add(s.send(HttpRequest.get(target, "/big?n=20000")));
      }
      all.forEach(f -> assertThat(f.join().bodyBytes()).isEqualTo(20000));
      assertThat(server.connections()).isLessThanOrEqualTo(2);
      assertThat(s.connectionsOpened()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void cookiesOnlyWhenAsked() {
    HttpSession with = engine.openSession(RequestBudget.unlimited(), true);
    with.send(HttpRequest.get(target, "/cookie/set")).join();
    assertThat(with.send(HttpRequest.get(target, "/cookie/echo")).join().bodyText()).isEqualTo("sid=abc");
    HttpSession without = engine.openSession(RequestBudget.unlimited(), false);
    without.send(HttpRequest.get(target, "/cookie/set")).join();
    assertThat(without.send(HttpRequest.get(target, "/cookie/echo")).join().bodyText()).isEqualTo("null");
  }

  @Test
  void configIsValidatedNamingTheKnob() {
    ThrowableAssert.ThrowingCallable bad = () -> HttpEngine.builder().withReadTimeout(Duration.ZERO).config();
    assertThatThrownBy(bad).hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> HttpEngine.builder().withMaxConnectionsPerTarget(0).config())
        .hasMessageContaining("maxConnectionsPerTarget");
    assertThat(engine.transport()).isIn("epoll", "nio");
  }
}
