package dev.analyzer.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user runs it: the shaded analyzer.jar and the static service jar as real processes,
 * state (logs, pid files, results) in a temporary directory.
 */
class ManagerProcessIT {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final Path CLI = Path.of("target/analyzer.jar").toAbsolutePath();

  @TempDir
  Path state;

  private record Run(int exit, String out) {}

  private Process launch(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        CLI.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(HOME.toFile());
    pb.environment().put("ANALYZER_HOME", HOME.toString());
    pb.environment().put("ANALYZER_STATE_DIR", state.toString());
    pb.environment().put("ANALYZER_SOURCE_ROOTS", HOME + ":" + state);
    return pb.start();
  }

  private Run cli(String... args) throws Exception {
    Process p = launch(args);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("analyzer %s finished", String.join(" ", args)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private long servicePid() throws Exception {
    return Long.parseLong(Files.readString(state.resolve("run/static.pid")).strip().split("\\s+")[0]);
  }

  @Test
  void startStatusAnalyzeStopLeavesNoProcess() throws Exception {
    Run start = cli("start", "static", "--any-port");
    assertThat(start.exit()).as(start.out()).isZero();
    assertThat(start.out()).contains("static").contains("ready at ws://127.0.0.1:");
    long pid = servicePid();
    try {
      Run status = cli("status");
      assertThat(status.out()).containsPattern("static\\s+ready\\s+" + pid);
      assertThat(status.out()).containsPattern("dynamic\\s+(stopped|not built)");

      Run analyze = cli("analyze", "--source", HOME.resolve("examples/sample-app").toString(), "--types", "static",
          "--model", "it", "--app", "3", "--json");
      assertThat(analyze.exit()).as(analyze.out()).isZero();
      JsonNode summary = new ObjectMapper().readTree(analyze.out().substring(analyze.out().indexOf('{')));
      assertThat(summary.at("/services/static/state").asText()).isEqualTo("completed");
      assertThat(summary.at("/summary/total_findings").asInt()).isPositive();
      assertThat(Path.of(summary.get("report_html").asText())).exists();

      Run failOn = cli("analyze", "--source", HOME.resolve("examples/sample-app").toString(), "--types", "static",
          "--fail-on", "high", "--json");
      assertThat(failOn.exit()).isEqualTo(ExitCodes.FINDINGS);

      Run ping = cli("ping", "static");
      assertThat(ping.exit()).isZero();
      assertThat(ping.out()).contains("pong from static-analyzer");
      Run health = cli("health", "static");
      assertThat(health.exit()).isZero();
      assertThat(health.out()).contains("healthy");
    } finally {
      Run stop = cli("stop");
      assertThat(stop.out()).contains("static       stopped");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    assertThat(state.resolve("run/static.pid")).doesNotExist();
    Run unavailable = cli("analyze", "--source", HOME.resolve("examples/sample-app").toString(), "--types", "static", "--json");
    assertThat(unavailable.exit()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(unavailable.out()).contains("\"state\" : \"unavailable\"");
  }

  @Test
  void demoWritesTheReportsAndStopsWhatItStarted() throws Exception {
    Run demo = cli("demo", "--json");

    assertThat(demo.exit()).as(demo.out()).isZero();
    JsonNode summary = new ObjectMapper().readTree(demo.out().substring(demo.out().indexOf('{')));
    Path dir = Path.of(summary.get("results_dir").asText());
    assertThat(dir).startsWith(state.resolve("results/demo/app1"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("demo_app1_task_") && n.endsWith(".json"))
          .contains("manifest.json", "report.html", "services", "sarif");
    }
    Path sarif = dir.resolve("sarif/static.sarif.json");
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
      assertThat(schema.validate(Files.readString(sarif), InputFormat.JSON)).isEmpty();
    }
    String html = Files.readString(dir.resolve("report.html"));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("tr.finding").size()).isEqualTo(summary.at("/summary/total_findings").asInt()).isPositive();
    assertThat(doc.select("tr.finding code").eachText()).anyMatch(t -> t.contains("<script>track("));
    assertThat(html).contains("&lt;script&gt;track(");
    assertThat(doc.select("script")).hasSize(1);
    assertThat(summary.at("/services/dynamic/state").asText()).isEqualTo("not_built");
    assertThat(state.resolve("run/static.pid")).doesNotExist();
  }

  @Test
  void batchRunsIdenticalEntriesOnceAndOneBadEntryDoesNotStopTheOthers() throws Exception {
    Run start = cli("start", "static", "--any-port");
    assertThat(start.exit()).as(start.out()).isZero();
    int port = Integer.parseInt(Files.readString(state.resolve("run/static.pid")).strip().split("\\s+")[1]);
    try {
      Path sample = HOME.resolve("examples/sample-app");
      Path batch = state.resolve("batch.json");
      Files.writeString(batch, "[{\"model\":\"m1\",\"app\":1,\"source\":\"" + sample + "\",\"types\":\"static\"},"
          + "{\"model\":\"m1\",\"app\":1,\"source\":\"" + sample + "\",\"types\":\"static\"},"
          + "{\"model\":\"m2\",\"app\":7,\"source\":\"/definitely/missing\",\"types\":\"static\"}]");

      Run run = cli("batch", batch.toString(), "--parallel", "3");

      assertThat(run.out()).contains("3 apps:");
      try (Stream<Path> files = Files.list(state.resolve("results/batch"))) {
        Path summary = files.findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertThat(json.get("total_apps").asInt()).isEqualTo(3);
      }
      // the two identical entries shared one remote analysis; the third was refused (source outside the roots)
      assertThat(metrics(port)).contains("analyzer_analyses_started_total{type=\"static_analyze\"} 1.0");
      assertThat(state.resolve("results/m1/app1")).isDirectory();
      assertThat(state.resolve("results/m2/app7")).isDirectory();
    } finally {
      cli("stop");
    }
  }

  @Test
  void interruptingAnalyzeCancelsTheRemoteAnalysis() throws Exception {
    Run start = cli("start", "static", "--any-port");
    assertThat(start.exit()).as(start.out()).isZero();
    int port = Integer.parseInt(Files.readString(state.resolve("run/static.pid")).strip().split("\\s+")[1]);
    try {
      Path big = state.resolve("big-app");
      for (int i = 0; i < 400; i++) {
        Path f = Files.createDirectories(big.resolve("pkg" + (i % 20))).resolve("m" + i + ".py");
        Files.writeString(f, ("import os\n\ndef f_" + i + "(x):\n    return os.path.join(x, 'a')\n\n").repeat(40));
      }
      Process analyze = launch("analyze", "--source", big.toString(), "--types", "static", "--tools", "pylint");
      analyze.getOutputStream().close();
      await().atMost(Duration.ofSeconds(30)).until(() -> metrics(port).contains("analyzer_analyses_in_flight 1.0"));

      ProcessHandle.of(analyze.pid()).orElseThrow().destroy();

      assertThat(analyze.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() ->
          metrics(port).contains("analyzer_analyses_finished_total{status=\"cancelled\",type=\"static_analyze\"} 1.0"));
    } finally {
      cli("stop");
    }
  }

  private static String metrics(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
