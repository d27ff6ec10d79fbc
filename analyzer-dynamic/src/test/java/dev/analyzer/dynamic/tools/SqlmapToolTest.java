package dev.analyzer.dynamic.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import dev.analyzer.dynamic.report.FindingSink;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.dynamic.scan.ScanReport;
import dev.analyzer.dynamic.scan.ScanSession;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.internal.ProcessScope;
import dev.analyzer.service.process.internal.ProcessTrees;
import dev.analyzer.service.process.internal.ScopedProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** sqlmap's summary parsed, and the real sqlmap confirming a parameter the engine marked suspicious. */
class SqlmapToolTest {

  static final String OUTPUT = """
      sqlmap identified the following injection point(s) with a total of 46 HTTP(s) requests:
      ---
      Parameter: role (GET)
          Type: boolean-based blind
          Title: AND boolean-based blind - WHERE or HAVING clause
          Payload: role=user' AND 4213=4213 AND 'xYzq'='xYzq
      ---
      [INFO] the back-end DBMS is SQLite
      """;

  @Test
  void theInjectionSummaryBecomesAFindingOnTheParameter() {
    FindingSink.Suspect s = new FindingSink.Suspect("http://127.0.0.1:5000/api/users", "GET", "role", "query", "user",
        Map.of());

    List<Finding> f = SqlmapTool.parse(OUTPUT, s);

    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.ruleId()).isEqualTo("dyn.sqli-blind");
      assertThat(x.tool()).isEqualTo("sqlmap");
      assertThat(x.location().parameter()).isEqualTo("role");
      assertThat(x.evidence()).contains("boolean-based blind");
    });
  }

  @Test
  void theRealSqlmapConfirmsASuspectOfTheEngine() throws Exception {
    assumeTrue(ProcessRunner.which("sqlmap").isPresent(), "sqlmap is not installed (scripts/install-tools.sh)");
    ScanConfig config = ScanConfig.builder().withChecks(Set.of("active")).withTimeDelay(Duration.ofMillis(300))
        .withMaxDepth(1).withMaxRate(0).build();
    Path scratch = Files.createTempDirectory("sqlmap-test");
    var io = Executors.newCachedThreadPool();
    try (VulnerableApp app = VulnerableApp.start(0); DynamicScan scan = DynamicScan.builder().withConfig(config).build();
        ScanSession session = scan.open(scan.resolve(List.of(app.url())), config, ScanListener.NONE);
        ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE)) {
      ScanReport report = session.runEngine();
      List<FindingSink.Suspect> users = report.suspects().stream().filter(s -> s.url().endsWith("/api/users"))
          .toList();
      assertThat(users).isNotEmpty();

      ToolRun run = new SqlmapTool().run(new ToolRequest(new ScopedProcessRunner(scope, io, ProcessTrees.DEFAULT_GRACE),
          session.proxy().url(), List.of(app.url()), Map.of(), report, users, "standard", Duration.ofSeconds(90),
          Map.of(), scratch, line -> { }));

      System.out.println(run.commands());
      assertThat(run.status()).as(run.error() + " " + run.commands()).isEqualTo(ToolStatus.SUCCESS);
      assertThat(run.findings()).extracting(f -> f.location().parameter()).contains("role");
    } finally {
      io.shutdownNow();
    }
  }
}
