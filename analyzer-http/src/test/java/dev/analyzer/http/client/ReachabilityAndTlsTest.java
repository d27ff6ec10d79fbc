package dev.analyzer.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.http.target.AllowList;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.ResolvedTarget;
import dev.analyzer.http.target.Target;
import dev.analyzer.http.target.TargetPolicy;
import dev.analyzer.http.testing.SelfSigned;
import dev.analyzer.http.testing.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReachabilityAndTlsTest {

  static final TargetPolicy POLICY = TargetPolicy.of(AllowList.none(), HttpEngineTest.RESOLVER);
  static TestServer http;
  static TestServer https;
  static ServerSocket silent;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    http = TestServer.http();
    https = TestServer.https(SelfSigned.serverContext(dir));
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // accepts (backlog), never answers
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    https.close();
    silent.close();
  }

  static ResolvedTarget target(String url) {
    return POLICY.check(Target.parse(url));
  }

  @Test
  void selfSignedIsAcceptedOnlyWhenAskedForLoopback() {
    ResolvedTarget t = target("https://127.0.0.1:" + https.port());
    try (HttpEngine trusting = HttpEngine.builder().withTargetPolicy(POLICY).withSelfSignedOnLoopback(true).build();
         HttpEngine verifying = HttpEngine.builder().withTargetPolicy(POLICY).build()) {
      HttpResponse r = trusting.send(HttpRequest.get(t, "/hello"), RequestBudget.unlimited()).join();
      assertThat(r.bodyText()).isEqualTo("hello");
      assertThat(HttpEngineTest.failureKind(verifying.send(HttpRequest.get(t, "/hello"), RequestBudget.unlimited())))
          .isEqualTo(HttpFailure.Kind.TLS);
    }
  }

  @Test
  void selfSignedNeverAppliesToNonLoopbackTargets() throws Exception {
    HostResolver lan = host -> List.of(InetAddress.getByName(host.equals("lan.test") ? "10.1.2.3" : "127.0.0.1"));
    TargetPolicy policy = TargetPolicy.of(AllowList.parse("10.0.0.0/8"), lan);
    try (HttpEngine trusting = HttpEngine.builder().withTargetPolicy(policy).withSelfSignedOnLoopback(true).build();
         HttpEngine verifying = HttpEngine.builder().withTargetPolicy(policy).build()) {
      ResolvedTarget local = policy.check(Target.parse("https://app.test:8443"));
      ResolvedTarget remote = policy.check(Target.parse("https://lan.test:8443")); // never connected to
      assertThat(trusting.trustsAnyCertificate(local)).isTrue();
      assertThat(trusting.trustsAnyCertificate(remote)).isFalse();
      assertThat(verifying.trustsAnyCertificate(local)).isFalse();
    }
  }

  @Test
  void eachTargetIsClassified() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    List<ResolvedTarget> targets = List.of(
        target("http://127.0.0.1:" + http.port()),
        target("http://127.0.0.1:" + closedPort),
        target("http://127.0.0.1:" + silent.getLocalPort()),
        target("https://127.0.0.1:" + https.port()),
        target("http://127.0.0.1:" + http.port() + "/fail"));
    try (HttpEngine engine = HttpEngine.builder().withTargetPolicy(POLICY).build();
         HttpSession session = engine.openSession(RequestBudget.unlimited(), false)) {
      List<Reachability.Result> results = Reachability.check(session, targets, Duration.ofMillis(500)).join();
      assertThat(results).extracting(Reachability.Result::status).containsExactly(
          Reachability.Status.REACHABLE, Reachability.Status.REFUSED, Reachability.Status.TIMEOUT,
          Reachability.Status.TLS_ERROR, Reachability.Status.HTTP_5XX);
      assertThat(results.get(0).statusCode()).isEqualTo(404);
      assertThat(Reachability.analysisStatus(results)).isEqualTo("partial");
      assertThat(Reachability.analysisStatus(results.subList(1, 3))).isEqualTo("targets_unreachable");
      assertThat(Reachability.analysisStatus(results.subList(0, 1))).isEqualTo("success");
      assertThat(results.get(3).status().wire()).isEqualTo("tls_error");
      assertThat(results.get(4).statusCode()).isEqualTo(503);
      assertThat(results.get(4).answered()).isTrue();
    }
  }
}
