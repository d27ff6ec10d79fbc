package dev.analyzer.dynamic.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.http.target.TargetPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The ZAP adapter against a replay of a recorded ZAP 2.16 API exchange (ZAP cannot be installed
 * here): the calls it makes, the key header, and how alerts map onto the engine's rules.
 */
class ZapToolTest {

  @Test
  void spiderPassiveWaitAndAlertsAreReadAndMapped() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    List<String> keys = new CopyOnWriteArrayList<>();
    HttpServer zap = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    zap.createContext("/JSON/", ex -> {
      calls.add(ex.getRequestURI().getPath());
      keys.add(String.valueOf(ex.getRequestHeaders().getFirst("X-ZAP-API-Key")));
      String p = ex.getRequestURI().getPath();
      String file = p.substring(6, p.length() - 1).replace('/', '_') + ".json";
      try (InputStream in = getClass().getResourceAsStream("/recorded/zap/" + file)) {
        byte[] body = in == null ? "{\"code\":\"bad_view\"}".getBytes() : in.readAllBytes();
        ex.sendResponseHeaders(in == null ? 400 : 200, body.length);
        ex.getResponseBody().write(body);
      } catch (IOException e) {
        ex.sendResponseHeaders(500, -1);
      }
      ex.close();
    });
    zap.start();
    try {
      ZapTool tool = new ZapTool("http://127.0.0.1:" + zap.getAddress().getPort(), () -> "k-123",
          TargetPolicy.loopbackOnly(), Duration.ofMillis(10));

      assertThat(tool.detect(null)).get().satisfies(i -> assertThat(i.version()).isEqualTo("2.16.1"));
      ToolRun run = tool.run(new ToolRequest(null, null, List.of("http://127.0.0.1:5000"), Map.of(), null, List.of(),
          "standard", Duration.ofSeconds(10), Map.of(), null, s -> { }));

      assertThat(run.status()).isEqualTo(ToolStatus.SUCCESS);
      assertThat(calls).containsSubsequence("/JSON/spider/action/scan/", "/JSON/spider/view/status/",
          "/JSON/pscan/view/recordsToScan/", "/JSON/core/view/alerts/");
      assertThat(calls).doesNotContain("/JSON/ascan/action/scan/");
      assertThat(keys).containsOnly("k-123");
      Finding csp = run.findings().stream().filter(f -> f.ruleId().equals("dyn.csp-missing")).findFirst().orElseThrow();
      assertThat(csp.tool()).isEqualTo("zap");
      Finding xss = run.findings().stream().filter(f -> f.ruleId().equals("dyn.xss-reflected")).findFirst()
          .orElseThrow();
      assertThat(xss.location().parameter()).isEqualTo("name");
      Finding other = run.findings().stream().filter(f -> f.ruleId().equals("zap.10049")).findFirst().orElseThrow();
      assertThat(other.severity()).isEqualTo(Severity.INFO);
      assertThat(other.cwe()).isEqualTo("CWE-524");
    } finally {
      zap.stop(0);
    }
  }

  @Test
  void aZapApiOutsideThePolicyIsNeverCalled() {
    ZapTool tool = new ZapTool("http://10.1.2.3:8090", () -> null, TargetPolicy.loopbackOnly(), Duration.ofMillis(10));

    assertThat(tool.detect(null)).isEmpty();
  }
}
