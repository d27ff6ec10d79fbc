package dev.analyzer.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.manager.ExitCodes;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The six ways a run could look clean when it is not (issue 18), each through the real CLI process:
 * a home where only the static service is built, one static service started by the CLI for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrapsIT {

  /** Built-in tools only, so that each analysis takes a second, not pylint's ten. */
  private static final String FAST = "secrets,python-security,js-security";

  private Cli cli;

  @BeforeAll
  void sharedStatic() throws Exception {
    cli = SharedCli.get();
  }

  // 1. a service that is not built or not running: incomplete/failed, which and why, red banner, exit 3

  @Test
  void aServiceThatIsNotBuiltMakesTheRunIncompleteAndExitsThreeAlsoWithFailOn() throws Exception {
    String[] args = {"analyze", "--source", cli.sampleApp().toString(), "--url", "http://127.0.0.1:9", "--types",
        "static,dynamic", "--tools", FAST, "--no-color"};
    Cli.Run text = cli.run(args);

    assertThat(text.exit()).as(text.out()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(text.out()).contains("status: INCOMPLETE").contains("dynamic: not_built: not built: "
        + "analyzer-dynamic/target/analyzer-dynamic.jar is missing");
    String html = Files.readString(Path.of(line(text.out(), "report:").substring("report:".length()).strip()));
    var banner = Jsoup.parse(html).body().child(0);
    assertThat(banner.id()).isEqualTo("status-banner");
    assertThat(banner.hasClass("banner-red")).isTrue();
    assertThat(banner.text()).contains("incomplete", "dynamic", "not built");

    Cli.Run failOn = cli.run(concat(args, "--fail-on", "high"));
    assertThat(failOn.exit()).as(failOn.out()).isEqualTo(ExitCodes.SERVICE_FAILED);

    Cli.Run allowed = cli.run(concat(args, "--fail-on", "high", "--allow-missing", "--format", "json"));
    assertThat(allowed.exit()).as(allowed.out()).isEqualTo(ExitCodes.FINDINGS);
    JsonNode json = new ObjectMapper().readTree(Cli.jsonOf(allowed));
    assertThat(json.at("/status").asText()).isEqualTo("incomplete");
    assertThat(json.at("/summary/problems/0/service").asText()).isEqualTo("dynamic");
  }

  @Test
  void aServiceThatIsNotRunningFailsTheRunNamingHowToStartIt(@TempDir Path other) throws Exception {
    Cli idle = Cli.withStaticOnly(other);

    Cli.Run r = idle.run("analyze", "--source", idle.sampleApp().toString(), "--types", "static", "--no-color");

    assertThat(r.exit()).as(r.out()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(r.out()).contains("status: FAILED").contains("static: not_running: not running: nothing answers at "
        + "ws://127.0.0.1:2001 (start it with: analyzer start static)");
  }

  // 2. an unknown tool is a usage error naming the service's tools

  @Test
  void anUnknownToolIsAUsageErrorNamingTheToolsTheServiceHas() throws Exception {
    Cli.Run r = cli.run("analyze", "--source", cli.sampleApp().toString(), "--types", "static", "--tools", "bogus");

    assertThat(r.exit()).as(r.out()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).contains("unknown tool 'bogus'").containsPattern("static has: .*python-security");
  }

  // 3. analyze without --source/--url asks for one

  @Test
  void analyzeWithoutSourceOrUrlAsksForOne() throws Exception {
    Cli.Run r = cli.run("analyze");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).contains("nothing to analyze: give --source DIR").contains("--url URL");
  }

  // 4. sources outside the roots; missing sources

  @Test
  void aSourceOutsideTheRootsRestartsTheServiceTheCliStartedWithWiderRoots() throws Exception {
    Path outside = Files.createTempDirectory("analyzer-outside-");
    try {
      Files.writeString(outside.resolve("settings.py"), "AWS_ACCESS_KEY_ID = \"AKIAQ3EGRL5TXMZ7QWER\"\n");
      long before = cli.service("static")[0];

      Cli.Run r = cli.run("analyze", "--source", outside.toString(), "--types", "static", "--tools", FAST, "--json");

      assertThat(r.exit()).as(r.out()).isZero();
      assertThat(new ObjectMapper().readTree(Cli.jsonOf(r)).at("/services/static/state").asText()).isEqualTo("completed");
      assertThat(cli.service("static")[0]).isNotEqualTo(before);
      assertThat(Files.readAllLines(cli.state().resolve("run/static.pid")).get(1)).contains(outside.toRealPath().toString());
    } finally {
      try (var files = Files.walk(outside)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void aSourceOutsideTheRootsOfAServiceRunningElsewhereSaysTheServiceNeedsTheVariable(@TempDir Path roots)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder(Cli.java(), "-jar", cli.home().resolve("analyzer-static/target/analyzer-static.jar")
        .toString(), "--port", Integer.toString(port)).redirectErrorStream(true)
        .redirectOutput(roots.resolve("static.log").toFile());
    pb.environment().put("ANALYZER_SOURCE_ROOTS", roots.toString());
    Process service = pb.start();
    try {
      String url = "ws://127.0.0.1:" + port;
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(150)).ignoreExceptions()
          .until(() -> Cli.metrics(port).contains("analyzer_"));

      Cli.Run r = cli.env("STATIC_ANALYZER_URLS", url).run("analyze", "--source", cli.sampleApp().toString(), "--types",
          "static", "--no-color");

      assertThat(r.exit()).as(r.out()).isEqualTo(ExitCodes.SERVICE_FAILED);
      assertThat(r.out()).contains("static: refused: the static service at " + url + " does not allow "
          + cli.sampleApp()).contains("The SERVICE needs ANALYZER_SOURCE_ROOTS");
    } finally {
      cli.env("STATIC_ANALYZER_URLS", null);
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMissingSourceIsReportedAsMissing() throws Exception {
    Cli.Run r = cli.run("analyze", "--source", "/no/such/app", "--types", "static");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).contains("--source /no/such/app does not exist").doesNotContain("outside");
  }

  // 5. batch errors: one plain line with the entry's 1-based position

  @Test
  void batchErrorsAreOnePlainLineNamingTheEntry() throws Exception {
    Path broken = cli.state().resolve("broken.json");
    Files.writeString(broken, "[\n  {\"model\": \"m\", \"app\": 1,}\n]\n");
    Cli.Run syntax = cli.run("batch", broken.toString());
    assertThat(syntax.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(syntax.out().strip().lines()).singleElement().asString()
        .contains("is not valid JSON").contains("(line 2, column").doesNotContain("code 125").doesNotContain("jackson");

    Path entries = cli.state().resolve("entries.json");
    Files.writeString(entries, "[{\"model\": \"a\", \"source\": \".\"}, {\"app\": 2, \"source\": \".\"}, "
        + "{\"model\": \"b\", \"app\": \"seven\", \"source\": \".\"}]");
    Cli.Run bad = cli.run("batch", entries.toString());
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.out().strip().lines()).containsExactly(
        "error: batch file entries.json, entry 2 of 3: needs \"model\" as a text, like \"model\": \"openai/gpt-4\"",
        "error: batch file entries.json, entry 3 of 3: \"app\" must be a whole number >= 0, got \"seven\"");
  }

  // 6. progress, durations, timestamps, the status table, ping of an unbuilt service

  @Test
  void durationsAreRoundedAndTimestampsToTheSecond() throws Exception {
    Cli.Run r = cli.run("analyze", "--source", cli.sampleApp().toString(), "--types", "static", "--tools", FAST,
        "--no-color");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).containsPattern("(?m)^static\\s+completed\\s+(\\d{1,3} ms|\\d+\\.\\d\\d s)\\s+\\d+ findings$")
        .containsPattern("(?m)^finished: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$");
    String html = Files.readString(Path.of(line(r.out(), "report:").substring("report:".length()).strip()));
    assertThat(Jsoup.parse(html).select(".meta").text()).containsPattern("\\d\\d:\\d\\d:\\d\\d UTC")
        .doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d");
    assertThat(Jsoup.parse(html).select("#service-static p").text()).containsPattern("\\((\\d{1,3} ms|\\d+\\.\\d\\d s)\\)");
  }

  @Test
  void theStatusTableAlignsAndPingOfAnUnbuiltServiceSaysNotBuilt() throws Exception {
    Cli.Run status = cli.run("status");
    List<String> lines = status.out().strip().lines().toList();
    assertThat(lines).hasSize(5);
    int stateColumn = lines.get(0).indexOf("state");
    int pidColumn = lines.get(0).indexOf("pid");
    for (String l : lines.subList(1, lines.size())) {
      assertThat(l.charAt(stateColumn - 1)).as(l).isEqualTo(' ');
      assertThat(l.charAt(stateColumn)).as(l).isNotEqualTo(' ');
      assertThat(l.charAt(pidColumn - 1)).as(l).isEqualTo(' ');
      assertThat(l.charAt(pidColumn)).as(l).isNotEqualTo(' ');
    }
    assertThat(lines).anyMatch(l -> l.matches("dynamic\\s+not built\\s+-.*"));

    Cli.Run ping = cli.run("ping", "dynamic");
    assertThat(ping.exit()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(ping.out()).contains("dynamic: not built");
  }

  private static String line(String out, String prefix) {
    return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(
        "no line starting with " + prefix + " in:\n" + out));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
