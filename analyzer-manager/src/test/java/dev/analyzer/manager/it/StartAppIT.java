package dev.analyzer.manager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code analyze --start-app}: the CLI starts the app, analyzes it at its URL, and stops it, also on Ctrl-C. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartAppIT {

  private Cli cli;

  @BeforeAll
  void sharedStatic() throws Exception {
    cli = SharedCli.get();
  }

  @Test
  void theSampleAppIsStartedAnalyzedAtItsUrlAndStoppedAfterwards() throws Exception {
    int port = freePort();

    Cli.Run r = cli.run("analyze", "--source", cli.sampleApp().toString(), "--start-app", "--app-port",
        Integer.toString(port), "--types", "static,dynamic", "--tools", "secrets", "--allow-missing", "--json");

    assertThat(r.exit()).as(r.out()).isZero();
    JsonNode summary = new ObjectMapper().readTree(Cli.jsonOf(r));
    try (var files = Files.list(Path.of(summary.get("results_dir").asText()))) {
      Path consolidated = files.filter(p -> p.getFileName().toString().contains("_task_")).findFirst().orElseThrow();
      assertThat(new ObjectMapper().readTree(consolidated.toFile()).at("/results/task/target_urls/0").asText())
          .isEqualTo("http://127.0.0.1:" + port);
    }
    assertThat(Files.readString(cli.state().resolve("logs/app.log"))).contains("listening on http://127.0.0.1:" + port);
    assertThat(answers(port)).as("the app is stopped when the CLI is done").isFalse();
  }

  @Test
  void anAppCommandGetsItsPortFromTheEnvFile() throws Exception {
    int port = freePort();
    Path app = Files.createDirectories(cli.state().resolve("env-app"));
    Files.writeString(app.resolve(".env"), "BACKEND_PORT=" + port + "\n");
    Files.writeString(app.resolve("index.html"), "<h1>hi</h1>\n");
    String serve = "python3 -c \"import os, http.server as h; h.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])),"
        + " h.SimpleHTTPRequestHandler).serve_forever()\"";

    Cli.Run r = cli.run("analyze", "--source", app.toString(), "--app-command", serve, "--types", "static,dynamic",
        "--tools", "secrets", "--allow-missing", "--no-color");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("app: answering at http://127.0.0.1:" + port);
    assertThat(answers(port)).isFalse();
  }

  @Test
  void interruptingTheCliStopsTheAppItStarted() throws Exception {
    int port = freePort();
    Process analyze = cli.launch("analyze", "--source", cli.sampleApp().toString(), "--start-app", "--app-port",
        Integer.toString(port), "--types", "static,dynamic", "--allow-missing");
    analyze.getOutputStream().close();
    await().atMost(Duration.ofSeconds(30)).until(() -> answers(port));

    ProcessHandle.of(analyze.pid()).orElseThrow().destroy();

    assertThat(analyze.waitFor(30, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> !answers(port));
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
