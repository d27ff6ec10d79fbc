package dev.analyzer.dynamic.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.service.process.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The real wapiti (Debian 3.0.4) through the scan proxy against the fixture app. */
class WapitiToolTest {

  @Test
  void wapitiRunsThroughTheScanProxyAndItsFindingsMapOntoTheEngineRules() throws Exception {
    assumeTrue(ProcessRunner.which("wapiti").isPresent(), "wapiti is not installed (scripts/install-tools.sh)");
    List<String> progress = new CopyOnWriteArrayList<>();
    try (VulnerableApp app = VulnerableApp.start(0);
        DynamicScan scan = DynamicScan.builder().withConfig(ScanConfig.builder().withMaxRequests(20_000)
            .withMaxRate(0).build()).build()) {
      long t0 = System.nanoTime();
      ToolRun run = StandaloneTool.run(new WapitiTool(), scan, app.url(), "quick", Duration.ofSeconds(40), true,
          Map.of("modules", "xss,redirect"), progress::add);
      System.out.println("wapiti took " + (System.nanoTime() - t0) / 1_000_000 + " ms, " + app.requests()
          + " requests; findings:");
      run.findings().forEach(f -> System.out.println(f.ruleId() + " " + f.location().url() + " "
          + f.location().parameter() + " " + f.title()));
      System.out.println(run.commands());

      assertThat(run.status()).as(run.error()).isEqualTo(ToolStatus.SUCCESS);
      assertThat(run.findings()).extracting(Finding::tool).containsOnly("wapiti");
      assertThat(run.findings()).extracting(Finding::ruleId).contains("dyn.xss-reflected");
      assertThat(progress).isNotEmpty();
      assertThat(app.requests()).isPositive();
      assertThat(app.unsafeRequests()).as("wapiti's POSTs are refused by the proxy in safe mode").isZero();
    }
  }
}
