package dev.analyzer.staticanalyzer.deps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.analyzer.core.findings.Finding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OSV client against a loopback server that speaks OSV's API (querybatch, then vulns/{id}):
 * advisories come from it and say so, answers are cached, and an unreachable OSV falls back to the
 * shipped snapshot and says that.
 */
class OsvClientTest {

  private static final String VULN = "{\"id\":\"GHSA-test-0001\",\"summary\":\"Remote code execution in demo\","
      + "\"aliases\":[\"CVE-2099-0001\"],\"database_specific\":{\"severity\":\"CRITICAL\",\"cwe_ids\":[\"CWE-94\"]},"
      + "\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"demo-lib\"},"
      + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}]}]}]}";

  private HttpServer server;
  private final AtomicInteger batches = new AtomicInteger();
  private final AtomicInteger vulnGets = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/querybatch", ex -> {
      batches.incrementAndGet();
      JsonNode q = new ObjectMapper().readTree(ex.getRequestBody());
      StringBuilder sb = new StringBuilder("{\"results\":[");
      for (int i = 0; i < q.path("queries").size(); i++) {
        JsonNode one = q.path("queries").get(i);
        boolean hit = one.path("package").path("name").asText().equals("demo-lib")
            && one.path("version").asText().startsWith("1.");
        sb.append(i > 0 ? "," : "").append(hit ? "{\"vulns\":[{\"id\":\"GHSA-test-0001\"}]}" : "{}");
      }
      reply(ex, sb.append("]}").toString());
    });
    server.createContext("/v1/vulns/", ex -> {
      vulnGets.incrementAndGet();
      reply(ex, VULN);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void reply(HttpExchange ex, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void advisoriesComeFromOsvAndAreCached() throws Exception {
    OsvClient client = new OsvClient(url(), Duration.ofSeconds(5), Clock.systemUTC());
    DependencyScanner scanner = new DependencyScanner(OsvDatabase.load(null), client);

    List<Finding> first = scanner.scan("requirements.txt", "requirements.txt", "demo-lib==1.4.0\nother==3.0\n");
    List<Finding> second = scanner.scan("requirements.txt", "requirements.txt", "demo-lib==1.4.0\nother==3.0\n");

    assertThat(first).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("GHSA-test-0001");
      assertThat(f.cwe()).isEqualTo("CWE-94");
      assertThat(f.extra()).containsEntry("advisory_source", "osv").containsEntry("fixed_version", "2.0.0");
    });
    assertThat(second).hasSize(1);
    assertThat(batches.get()).isEqualTo(1);
    assertThat(vulnGets.get()).isEqualTo(1);
    assertThat(scanner.source()).startsWith("osv http://127.0.0.1:");
  }

  @Test
  void anUnreachableOsvFallsBackToTheSnapshotAndSaysSo() throws Exception {
    URI gone = url();
    server.stop(0);
    OsvDatabase db = OsvDatabase.load(null);
    DependencyScanner scanner = new DependencyScanner(db, new OsvClient(gone, Duration.ofSeconds(2), Clock.systemUTC()));

    List<Finding> f = scanner.scan("requirements.txt", "requirements.txt", "demo-lib==1.4.0\n");

    assertThat(f).isEmpty();
    assertThat(scanner.source()).isEqualTo("snapshot " + db.snapshotDate() + " (OSV unreachable)");
    assertThat(OsvSettings.client(name -> name.equals("ANALYZER_OFFLINE") ? "1" : null, Clock.systemUTC())).isNull();
  }
}
