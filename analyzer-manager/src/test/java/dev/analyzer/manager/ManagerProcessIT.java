package dev.analyzer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.analyzer.manager.it.Cli;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user runs it: the shaded analyzer.jar and the static service jar as real processes,
 * state (logs, pid files, results) in a temporary directory, a home where only static is built.
 */
class ManagerProcessIT {

  @TempDir
  Path scratch;

  @Test
  void startStatusAnalyzeStopLeavesNoProcess() throws Exception {
    Cli cli = Cli.withStaticOnly(scratch);
    Cli.Run start = cli.run("start", "static", "--any-port");
    assertThat(start.exit()).as(start.out()).isZero();
    assertThat(start.out()).contains("static").contains("ready at ws://127.0.0.1:");
    long pid = cli.service("static")[0];
    try {
      Cli.Run status = cli.run("status");
      assertThat(status.out()).containsPattern("static\\s+ready\\s+" + pid);
      assertThat(status.out()).containsPattern("dynamic\\s+not built");

      Cli.Run analyze = cli.run("analyze", "--source", cli.sampleApp().toString(), "--types", "static",
          "--model", "it", "--app", "3", "--tools", "secrets,js-security", "--json");
      assertThat(analyze.exit()).as(analyze.out()).isZero();
      JsonNode summary = new ObjectMapper().readTree(Cli.jsonOf(analyze));
      assertThat(summary.at("/services/static/state").asText()).isEqualTo("completed");
      assertThat(summary.at("/status").asText()).isEqualTo("completed");
      assertThat(summary.at("/summary/total_findings").asInt()).isPositive();
      assertThat(Path.of(summary.get("report_html").asText())).exists();

      Cli.Run failOn = cli.run("analyze", "--source", cli.sampleApp().toString(), "--types", "static",
          "--tools", "secrets", "--fail-on", "high", "--json");
      assertThat(failOn.exit()).isEqualTo(ExitCodes.FINDINGS);

      Cli.Run ping = cli.run("ping", "static");
      assertThat(ping.exit()).isZero();
      assertThat(ping.out()).contains("pong from static-analyzer");
      Cli.Run health = cli.run("health", "static");
      assertThat(health.exit()).isZero();
      assertThat(health.out()).contains("healthy");
    } finally {
      Cli.Run stop = cli.run("stop");
      assertThat(stop.out()).containsPattern("static\\s+stopped");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    assertThat(cli.state().resolve("run/static.pid")).doesNotExist();
  }

  @Test
  void demoWritesTheReportsAndStopsWhatItStarted() throws Exception {
    Cli cli = Cli.withStaticOnly(scratch);
    Cli.Run demo = cli.run("demo", "--json");

    assertThat(demo.exit()).as(demo.out()).isZero();
    JsonNode summary = new ObjectMapper().readTree(Cli.jsonOf(demo));
    Path dir = Path.of(summary.get("results_dir").asText());
    assertThat(dir).startsWith(cli.state().resolve("results/demo/app1"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("demo_app1_task_") && n.endsWith(".json"))
          .contains("manifest.json", "report.html", "services", "sarif", "report.sarif.json", "junit.xml");
    }
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
      assertThat(schema.validate(Files.readString(dir.resolve("sarif/static.sarif.json")), InputFormat.JSON)).isEmpty();
      assertThat(schema.validate(Files.readString(dir.resolve("report.sarif.json")), InputFormat.JSON)).isEmpty();
    }
    String html = Files.readString(dir.resolve("report.html"));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("tr.finding").size()).isEqualTo(summary.at("/summary/total_findings").asInt()).isPositive();
    assertThat(doc.select("tr.finding code").eachText()).anyMatch(t -> t.contains("<script>track("));
    assertThat(html).contains("&lt;script&gt;track(");
    assertThat(doc.select("script")).hasSize(1);
    // only static is built here: the demo says so (incomplete, red banner) and still exits 0
    assertThat(summary.at("/services/dynamic/state").asText()).isEqualTo("not_built");
    assertThat(summary.at("/status").asText()).isEqualTo("incomplete");
    assertThat(doc.select("#status-banner.banner-red").text()).contains("dynamic", "not built");
    assertThat(cli.state().resolve("run/static.pid")).doesNotExist();
  }

  @Test
  void batchRunsIdenticalEntriesOnceAndOneBadEntryDoesNotStopTheOthers() throws Exception {
    Cli cli = Cli.withStaticOnly(scratch);
    Cli.Run start = cli.run("start", "static", "--any-port");
    assertThat(start.exit()).as(start.out()).isZero();
    long port = cli.service("static")[1];
    try {
      Path sample = cli.sampleApp();
      Path batch = cli.state().resolve("batch.json");
      Files.writeString(batch, "[{\"model\":\"m1\",\"app\":1,\"source\":\"" + sample + "\",\"types\":\"static\",\"tools\":\"secrets\"},"
          + "{\"model\":\"m1\",\"app\":1,\"source\":\"" + sample + "\",\"types\":\"static\",\"tools\":\"secrets\"},"
          + "{\"model\":\"m2\",\"app\":7,\"source\":\"/definitely/missing\",\"types\":\"static\",\"tools\":\"secrets\"}]");

      Cli.Run run = cli.run("batch", batch.toString(), "--parallel", "3");

      assertThat(run.out()).contains("3 apps:");
      assertThat(run.exit()).isEqualTo(ExitCodes.SERVICE_FAILED);
      // the summary table has a row per entry, and the failure's reason is in it, not only in the JSON
      assertThat(run.out()).containsPattern("(?m)^3\\s+m2/app7\\s+failed\\s+refused");
      assertThat(run.out()).contains("#3 m2/app7 static: refused: source /definitely/missing does not exist");
      Path page = Path.of(run.out().lines().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow().substring(8));
      Document summaryPage = Jsoup.parse(Files.readString(page));
      assertThat(summaryPage.select("#batch-summary tr.app")).hasSize(3);
      assertThat(summaryPage.select("#batch-failures li").text()).contains("#3 m2/app7 static: refused: source");
      assertThat(summaryPage.select("#batch-summary tr.app a").first().attr("href")).startsWith("../m1/app1/task_");
      try (Stream<Path> files = Files.list(cli.state().resolve("results/batch"))) {
        JsonNode json = new ObjectMapper().readTree(files.filter(p -> p.toString().endsWith(".json")).findFirst()
            .orElseThrow().toFile());
        assertThat(json.get("total_apps").asInt()).isEqualTo(3);
        assertThat(json.at("/results/m2~1app7#3/failures/0").asText()).contains("does not exist");
      }
      // the two identical entries shared one remote analysis; the third was never sent (its source is missing)
      assertThat(Cli.metrics(port)).contains("analyzer_analyses_started_total{type=\"static_analyze\"} 1.0");
      assertThat(cli.state().resolve("results/m1/app1")).isDirectory();
      assertThat(cli.state().resolve("results/m2/app7")).isDirectory();
    } finally {
      cli.run("stop");
    }
  }

  @Test
  void interruptingAnalyzeCancelsTheRemoteAnalysis() throws Exception {
    Cli cli = Cli.withStaticOnly(scratch);
    Cli.Run start = cli.run("start", "static", "--any-port");
    assertThat(start.exit()).as(start.out()).isZero();
    long port = cli.service("static")[1];
    try {
      Path big = cli.state().resolve("big-app");
      for (int i = 0; i < 400; i++) {
        Path f = Files.createDirectories(big.resolve("pkg" + (i % 20))).resolve("m" + i + ".py");
        Files.writeString(f, ("import os\n\ndef f_" + i + "(x):\n    return os.path.join(x, 'a')\n\n").repeat(40));
      }
      Process analyze = cli.launch("analyze", "--source", big.toString(), "--types", "static");
      analyze.getOutputStream().close();
      await().atMost(Duration.ofSeconds(30)).until(() -> Cli.metrics(port).contains("analyzer_analyses_in_flight 1.0"));

      ProcessHandle.of(analyze.pid()).orElseThrow().destroy();

      assertThat(analyze.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() ->
          Cli.metrics(port).contains("analyzer_analyses_finished_total{status=\"cancelled\",type=\"static_analyze\"} 1.0"));
    } finally {
      cli.run("stop");
    }
  }
}
