package dev.analyzer.dynamic.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.dynamic.fixture.VulnerableApp;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.dynamic.scan.ScanSession;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proxy tools go through: policy, safe mode and budget hold for them. */
class ScanProxyTest {

  @Test
  void allowedTargetsAreForwardedOthersAndUnsafeMethodsRefusedAndTheBudgetCounts() throws Exception {
    try (VulnerableApp app = VulnerableApp.start(0); DynamicScan scan = DynamicScan.builder().build();
        ScanSession s = scan.open(scan.resolve(List.of(app.url())), ScanConfig.builder().withMaxRequests(3).build(),
            ScanListener.NONE)) {
      URI proxy = URI.create(s.proxy().url());
      HttpClient c = HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(),
          proxy.getPort()))).build();

      HttpResponse<String> ok = c.send(HttpRequest.newBuilder(URI.create(app.url() + "/about")).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> foreign = c.send(HttpRequest.newBuilder(URI.create("http://10.1.2.3:8080/")).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> post = c.send(HttpRequest.newBuilder(URI.create(app.url() + "/contact"))
          .POST(HttpRequest.BodyPublishers.ofString("message=x")).build(), HttpResponse.BodyHandlers.ofString());
      c.send(HttpRequest.newBuilder(URI.create(app.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      c.send(HttpRequest.newBuilder(URI.create(app.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> over = c.send(HttpRequest.newBuilder(URI.create(app.url() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("About");
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(foreign.body()).contains("10.1.2.3");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(app.unsafeRequests()).isZero();
      assertThat(over.statusCode()).isEqualTo(502);
      assertThat(over.body()).contains("BUDGET_EXHAUSTED");
      assertThat(app.requests()).isEqualTo(3);
    }
  }

  @Test
  void toolRequestsCarryTheScansLogin() throws Exception {
    ScanConfig config = ScanConfig.builder().withChecks(java.util.Set.of()).withMaxDepth(0)
        .withAuth(new dev.analyzer.dynamic.auth.AuthConfig(dev.analyzer.dynamic.auth.AuthConfig.Kind.JSON, "/api/login",
            "alice", "wonderland", null, null, null, null)).build();
    try (VulnerableApp app = VulnerableApp.start(0); DynamicScan scan = DynamicScan.builder().build();
        ScanSession s = scan.open(scan.resolve(List.of(app.url())), config, ScanListener.NONE)) {
      s.runEngine();
      URI proxy = URI.create(s.proxy().url());
      HttpClient c = HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(),
          proxy.getPort()))).build();

      HttpResponse<String> notes = c.send(HttpRequest.newBuilder(URI.create(app.url() + "/api/notes?tag=work"))
          .build(), HttpResponse.BodyHandlers.ofString());

      assertThat(notes.statusCode()).isEqualTo(200);
      assertThat(notes.body()).contains("quarterly plan");
    }
  }
}
