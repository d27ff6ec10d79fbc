package dev.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's proof from outside: the original manager's comprehensive run, replayed by a Python
 * script on the websockets library (its unchanged request messages, its send-and-wait loop, its
 * findings extraction, its id dedup and summary: {@code python/original_manager_replay.py}), against
 * the four real service jars and the bundled sample app, laid out as the original's containers see
 * it ({@code /app/sources/{slug}/app{N}}, mapped by {@code ANALYZER_PATH_MAP}). The original must
 * keep every finding our replies carry in {@code analysis.findings[]}.
 */
class OriginalManagerReplayIT {

  private static final Path PYTHON = DebianPython.PYTHON;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void theOriginalManagerKeepsEveryFindingOfAllFourServices() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON) && DebianPython.withWebsockets(),
        "/usr/bin/python3 with python3-websockets is needed: run scripts/install-tools.sh");
    Path apps = tmp.resolve("srv/apps");
    Path app = apps.resolve("replay-model/app1");
    copy(ServiceProcess.HOME.resolve("examples/sample-app"), app);
    Map<String, String> env = Map.of("ANALYZER_PATH_MAP", "/app/sources=" + apps,
        "ANALYZER_SOURCE_ROOTS", apps.toString());

    List<AutoCloseable> open = new ArrayList<>();
    try {
      int appPort = ServiceProcess.freePort();
      Process sample = new ProcessBuilder(PYTHON.toString(), "backend/app.py", "--port", Integer.toString(appPort))
          .directory(app.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("app.log").toFile()).start();
      open.add(() -> {
        sample.destroy();
        sample.waitFor(10, TimeUnit.SECONDS);
      });
      awaitPort(appPort);
      String target = "http://127.0.0.1:" + appPort;

      ServiceProcess st = ServiceProcess.start("analyzer-static", ServiceProcess.freePort(), env);
      open.add(st);
      ServiceProcess perf = ServiceProcess.start("analyzer-performance", ServiceProcess.freePort(), env);
      open.add(perf);
      ServiceProcess dyn = ServiceProcess.start("analyzer-dynamic", ServiceProcess.freePort(), env);
      open.add(dyn);
      ServiceProcess ai = ServiceProcess.start("analyzer-ai", ServiceProcess.freePort(), env);
      open.add(ai);

      ObjectNode cfg = JSON.createObjectNode().put("slug", "replay-model").put("app", 1);
      cfg.putObject("static").put("url", st.url()).put("timeout", 300);
      cfg.putObject("performance").put("url", perf.url()).put("timeout", 300).putArray("target_urls").add(target);
      cfg.putObject("dynamic").put("url", dyn.url()).put("timeout", 300).putArray("target_urls").add(target);
      ObjectNode aiCfg = cfg.putObject("ai").put("url", ai.url()).put("timeout", 300);
      aiCfg.putObject("config").put("template_slug", "crud_todo_list").put("backend_port", appPort)
          .put("frontend_port", appPort).put("gemini_model", "anthropic/claude-3-5-haiku");
      Path cfgFile = tmp.resolve("replay.json");
      JSON.writeValue(cfgFile.toFile(), cfg);

      Path script = tmp.resolve("replay.py");
      try (var in = getClass().getResourceAsStream("/python/original_manager_replay.py")) {
        Files.copy(in, script);
      }
      Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), cfgFile.toString())
          .redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(err).isZero();
      JsonNode report = JSON.readTree(out);

      int ours = 0;
      for (String svc : List.of("static", "dynamic", "ai")) {
        JsonNode s = report.at("/services/" + svc);
        assertThat(s.path("type").asText()).as(svc + ": " + s).endsWith("_analysis_result");
        assertThat(s.path("has_top_level_results").asBoolean()).as(svc).isFalse();
        assertThat(s.path("extractor_exception").isNull()).as(svc + ": " + s.path("extractor_exception")).isTrue();
        assertThat(s.path("our_findings").asInt()).as(svc + " has findings of its own").isPositive();
        assertThat(s.path("kept_after_dedup").asInt())
            .as(svc + ": what the original keeps of our findings[]; ids " + s.path("ids"))
            .isEqualTo(s.path("our_findings").asInt());
        ours += s.path("our_findings").asInt();
      }
      JsonNode perfReport = report.at("/services/performance");
      assertThat(perfReport.path("type").asText()).isEqualTo("performance_analysis_result");
      assertThat(perfReport.path("extractor_exception").isNull()).as(perfReport.toString()).isTrue();

      JsonNode summary = report.path("summary");
      assertThat(summary.path("total_findings").asInt())
          .isEqualTo(ours + perfReport.path("kept_after_dedup").asInt());
      assertThat(summary.path("services_executed").asInt() + summary.path("services_partial").asInt()).isEqualTo(4);
      assertThat(summary.path("status").asText()).isIn("completed", "partial");
      int folded = summary.at("/severity_breakdown/high").asInt() + summary.at("/severity_breakdown/medium").asInt()
          + summary.at("/severity_breakdown/low").asInt();
      assertThat(folded).isEqualTo(summary.path("total_findings").asInt());
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
    }
  }


  private static void awaitPort(int port) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("the sample app did not listen on " + port);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path src : (Iterable<Path>) walk::iterator) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(src, dst);
        }
      }
    }
  }
}
