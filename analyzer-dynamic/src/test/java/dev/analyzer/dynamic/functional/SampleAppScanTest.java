package dev.analyzer.dynamic.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanReport;
import dev.analyzer.service.process.ProcessRunner;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine against the repository's own examples/sample-app (a stdlib Python app), when python3 is there. */
class SampleAppScanTest {

  @Test
  void theSampleAppsPlantedIssuesAreFound() throws Exception {
    Path app = Path.of("..", "examples", "sample-app", "backend", "app.py");
    assumeTrue(Files.isRegularFile(app), "examples/sample-app is not in this checkout");
    assumeTrue(ProcessRunner.which("python3").isPresent(), "python3 is not installed");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder("python3", app.toString(), "--port", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      int bound = port;
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
        try (Socket s = new Socket("127.0.0.1", bound)) {
          return true;
        }
      });
      ScanConfig config = ScanConfig.builder().withTimeDelay(Duration.ofMillis(500)).withPorts(List.of(1)).build();
      try (DynamicScan scan = DynamicScan.builder().withConfig(config).build()) {
        ScanReport r = scan.scan(List.of("http://127.0.0.1:" + port));

        assertThat(r.findings()).anyMatch(f -> is(f, "dyn.sqli", "/api/search", "q"));
        assertThat(r.findings()).anyMatch(f -> f.ruleId().startsWith("dyn.sqli") && f.location().url()
            .contains("/api/todo/"));
        assertThat(r.findings()).anyMatch(f -> is(f, "dyn.xss-reflected", "/hello", "name"));
        assertThat(r.findings()).extracting(Finding::ruleId).contains("dyn.stack-trace", "dyn.csp-missing");
        assertThat(r.findings()).anyMatch(f -> f.ruleId().equals("dyn.exposed-env") && f.location().url()
            .endsWith("/.env"));
        assertThat(r.findings()).anyMatch(f -> f.ruleId().equals("dyn.exposed-source") && f.location().url()
            .endsWith("/backend/app.py"));
      }
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  private static boolean is(Finding f, String rule, String path, String param) {
    return f.ruleId().equals(rule) && f.location().url().contains(path) && param.equals(f.location().parameter());
  }
}
