package dev.analyzer.manager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.analyzer.manager.ExitCodes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What users of such tools expect: output formats, a project config file, git sources, baselines, clean. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserFeaturesIT {

  private static final String SECRET = "AWS_ACCESS_KEY_ID = \"AKIAQ3EGRL5TXMZ7QWER\"\n";

  private Cli cli;

  @BeforeAll
  void sharedStatic() throws Exception {
    cli = SharedCli.get();
  }

  @Test
  void sarifToAFileValidatesWithSrcrootAndOneRunPerToolAndJunitGoesToStdout() throws Exception {
    Path sarif = cli.state().resolve("out/report.sarif");

    Cli.Run r = cli.run("analyze", "--source", cli.sampleApp().toString(), "--types", "static", "--tools",
        "secrets,python-security", "--format", "sarif", "--output", sarif.toString(), "--quiet");

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).isBlank();
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
      assertThat(schema.validate(Files.readString(sarif), InputFormat.JSON)).isEmpty();
    }
    JsonNode log = new ObjectMapper().readTree(sarif.toFile());
    assertThat(log.get("runs")).hasSize(2);
    for (JsonNode run : log.get("runs")) {
      assertThat(run.at("/automationDetails/id").asText()).startsWith("static/");
      assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText()).startsWith("file:///").endsWith("sample-app/");
    }

    Cli.Run junit = cli.run("analyze", "--source", cli.sampleApp().toString(), "--types", "static", "--tools", "secrets",
        "--format", "junit");
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(junit.out().getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuites");
    assertThat(doc.getElementsByTagName("failure").getLength()).isPositive();
  }

  @Test
  void theProjectConfigSetsDefaultsFlagsOverrideItAndMistakesNameTheKey() throws Exception {
    Path app = Files.createDirectories(cli.state().resolve("configured-app"));
    Files.writeString(app.resolve("settings.py"), SECRET);
    Files.writeString(app.resolve(".analyzer.json"), "{\"types\": [\"static\"], \"tools\": [\"secrets\"], \"fail_on\": \"low\"}");

    Cli.Run fromConfig = cli.run("analyze", "--source", app.toString(), "--json");
    assertThat(fromConfig.exit()).as(fromConfig.out()).isEqualTo(ExitCodes.FINDINGS);
    Cli.Run overridden = cli.run("analyze", "--source", app.toString(), "--tools", "python-security", "--json");
    assertThat(overridden.exit()).as(overridden.out()).isZero();

    Files.writeString(app.resolve(".analyzer.json"), "{\"types\": [\"static\"], \"fail_on\": \"severe\"}");
    Cli.Run badValue = cli.run("analyze", "--source", app.toString());
    assertThat(badValue.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badValue.out()).contains("key \"fail_on\" must be one of critical, high, medium, low, info, got \"severe\"");

    Files.writeString(app.resolve(".analyzer.json"), "{\"fail-on\": \"high\"}");
    Cli.Run badKey = cli.run("analyze", "--source", app.toString());
    assertThat(badKey.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badKey.out()).contains("key \"fail-on\" is not a key of this file");
  }

  @Test
  void aLocalRepositoryIsClonedAtTheRefAndTheCloneRemoved(@TempDir Path repo) throws Exception {
    git(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("first.py"), SECRET);
    git(repo, "add", "first.py");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "first");
    git(repo, "tag", "v1");
    Files.writeString(repo.resolve("second.py"), SECRET.replace("QWER", "QWEX"));
    git(repo, "add", "second.py");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "second");

    Cli.Run r = cli.run("analyze", "--source", repo.toString(), "--ref", "v1", "--types", "static", "--tools", "secrets",
        "--json");

    assertThat(r.exit()).as(r.out()).isZero();
    JsonNode summary = new ObjectMapper().readTree(Cli.jsonOf(r));
    assertThat(summary.at("/summary/total_findings").asInt()).isPositive();
    JsonNode consolidated = consolidated(Path.of(summary.get("results_dir").asText()));
    for (JsonNode f : consolidated.at("/results/findings")) {
      assertThat(f.at("/location/file").asText()).isEqualTo("first.py");
    }
    try (Stream<Path> left = Files.list(cli.state().resolve("tmp"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aBaselineLeavesOnlyNewFindingsAndCleanKeepsTheNewestRuns() throws Exception {
    Path app = Files.createDirectories(cli.state().resolve("baselined-app"));
    Files.writeString(app.resolve("settings.py"), SECRET);
    String[] args = {"analyze", "--source", app.toString(), "--types", "static", "--tools", "secrets", "--model", "bl",
        "--json"};
    Cli.Run first = cli.run(args);
    JsonNode one = new ObjectMapper().readTree(Cli.jsonOf(first));
    assertThat(one.at("/summary/total_findings").asInt()).isPositive();

    Files.writeString(app.resolve("more.py"), SECRET.replace("QWER", "QWEZ"));
    Cli.Run second = cli.run(concat(args, "--baseline", one.get("results_dir").asText()));

    JsonNode two = new ObjectMapper().readTree(Cli.jsonOf(second));
    assertThat(two.at("/summary/baseline/known").asInt()).isEqualTo(one.at("/summary/total_findings").asInt());
    JsonNode fresh = consolidated(Path.of(two.get("results_dir").asText())).at("/results/findings");
    assertThat(fresh).isNotEmpty().allSatisfy(f -> assertThat(f.at("/location/file").asText()).isEqualTo("more.py"));

    Cli.Run clean = cli.run("clean", "--keep", "1");
    assertThat(clean.exit()).as(clean.out()).isZero();
    try (Stream<Path> runs = Files.list(cli.state().resolve("results/bl/app1"))) {
      assertThat(runs.map(p -> p.getFileName().toString()).toList())
          .containsExactly(Path.of(two.get("results_dir").asText()).getFileName().toString());
    }
  }

  private static JsonNode consolidated(Path dir) throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    return new ObjectMapper().readTree(dir.resolve(manifest.get("primary_result").asText()).toFile());
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
