package dev.analyzer.dynamic.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.dynamic.scan.ScanReport;
import dev.analyzer.http.target.AllowList;
import dev.analyzer.http.target.HostResolver;
import dev.analyzer.http.target.TargetPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scan stays on its targets (links, redirects, scripts, payloads) and within its budget. */
class ScopeAndBudgetTest {

  @Test
  void linksRedirectsAndScriptsToOtherOriginsAreNeverRequestedNorResolved() throws Exception {
    AtomicInteger foreignHits = new AtomicInteger();
    HttpServer foreign = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    foreign.createContext("/", ex -> {
      foreignHits.incrementAndGet();
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    foreign.start();
    String other = "http://127.0.0.1:" + foreign.getAddress().getPort();
    HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      byte[] body;
      if (path.equals("/go")) {
        ex.getResponseHeaders().add("Location", other + "/redirected");
        ex.sendResponseHeaders(302, -1);
        ex.close();
        return;
      }
      body = ("<html><body><a href=\"" + other + "/linked\">x</a><a href=\"http://intranet.test/\">y</a>"
          + "<a href=\"/go\">go</a><a href=\"/next?url=/home\">next</a><script>fetch('" + other
          + "/api/data')</script></body></html>").getBytes(StandardCharsets.UTF_8);
      if (path.equals("/next")) {
        ex.getResponseHeaders().add("Location", ex.getRequestURI().getQuery().replaceFirst("^url=", ""));
        ex.sendResponseHeaders(302, -1);
        ex.close();
        return;
      }
      ex.getResponseHeaders().add("Content-Type", "text/html");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    app.start();
    Set<String> lookups = ConcurrentHashMap.newKeySet();
    HostResolver recording = host -> {
      lookups.add(host);
      return HostResolver.system().resolve(host);
    };
    ScanConfig config = ScanConfig.builder().withPorts(List.of(1)).withTimeDelay(Duration.ofMillis(300)).build();
    try (DynamicScan scan = DynamicScan.builder().withConfig(config)
        .withTargetPolicy(TargetPolicy.of(AllowList.none(), recording)).build()) {
      ScanReport r = scan.scan(scan.resolve(List.of("http://127.0.0.1:" + app.getAddress().getPort())), config,
          ScanListener.NONE);

      assertThat(foreignHits.get()).isZero();
      assertThat(lookups).doesNotContain("intranet.test", "evil.example");
      assertThat((int) r.stats().get("links_out_of_scope")).isPositive();
      assertThat(r.findings(dev.analyzer.dynamic.report.Rules.OPEN_REDIRECT.id())).isNotEmpty();
    } finally {
      app.stop(0);
      foreign.stop(0);
    }
  }

  @Test
  void theRequestBudgetHoldsAndTheReportSaysWhatWasSkipped() throws Exception {
    try (VulnerableApp app = VulnerableApp.start(0)) {
      ScanConfig config = ScanConfig.builder().withMaxRequests(80).withPorts(List.of(1))
          .withTimeDelay(Duration.ofMillis(300)).build();
      try (DynamicScan scan = DynamicScan.builder().withConfig(config).build()) {
        ScanReport r = scan.scan(List.of(app.url()));

        assertThat((long) r.stats().get("requests_sent")).isLessThanOrEqualTo(80);
        assertThat(app.requests()).isLessThanOrEqualTo(80);
        assertThat(r.stats().get("budget_exhausted")).isEqualTo(true);
        assertThat(String.join("\n", r.skipped())).contains("request budget exhausted").contains("max requests 80");
      }
    }
  }
}
