package dev.analyzer.staticanalyzer.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.staticanalyzer.Fixtures;
import dev.analyzer.staticanalyzer.ServiceRun;
import dev.analyzer.staticanalyzer.StaticAnalyzerService;
import dev.analyzer.staticanalyzer.StaticSettings;
import dev.analyzer.staticanalyzer.sandbox.SandboxMode;
import dev.analyzer.staticanalyzer.sandbox.ToolSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given the {@code npm-lock} app (a package.json, its package-lock.json and an app {@code .npmrc}),
 * when {@code npm-audit} runs with {@code npm} replaced by a real script that answers like npm
 * (npm 7+ JSON report and exit 1, npm's error objects, a crash, a strange exit code, garbage),
 * then the advisories become findings with CWE and advisory URL, npm's "vulnerabilities found"
 * exit code is success, and every failure is {@code error} with npm's words or its stderr tail;
 * offline the tool does not run; without a lock file the request's npm-audit is covered by the OSV
 * {@code dependencies} engine. The last test runs the real npm when the registry answers.
 */
class NpmAuditToolTest {

  private static final String REQUEST = "{\"type\":\"static_analyze\",\"id\":\"npm-1\",\"source_path\":\"%s\","
      + "\"tools\":[\"npm-audit\"]}";

  @TempDir
  Path dir;

  private static boolean registryAnswers() {
    try {
      java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newBuilder()
          .connectTimeout(java.time.Duration.ofSeconds(3)).build()
          .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://registry.npmjs.org/"))
              .timeout(java.time.Duration.ofSeconds(5)).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
              .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      return r.statusCode() < 500;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A fake npm: {@code --version}, else logs its arguments and working directory, prints {@code stdout}, exits. */
  private String npm(String stdout, String stderr, int exit) throws Exception {
    Path out = Files.writeString(dir.resolve("stdout.txt"), stdout);
    Path script = dir.resolve("npm");
    Files.writeString(script, "#!/bin/sh\n"
        + "if [ \"$1\" = \"--version\" ]; then echo 10.9.9; exit 0; fi\n"
        + "printf '%s\\n' \"$@\" > " + dir.resolve("args") + "\n"
        + "ls -A > " + dir.resolve("files") + "\n"
        + "cat " + out + "\n"
        + (stderr.isEmpty() ? "" : "printf '%s\\n' '" + stderr + "' >&2\n")
        + "exit " + exit + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script.toString();
  }

  private static StaticAnalyzerService service(String npm, boolean online) {
    return new StaticAnalyzerService(StaticSettings.fromEnvironment(Environment.of(Map.of())),
        ToolSandbox.select(SandboxMode.OFF), null, npm == null ? Map.of() : Map.of("npm-audit", npm), online);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> record(AnalysisResult r) {
    return (Map<String, Object>) ((Map<String, Object>) r.analysis().results().get("javascript")).get("npm-audit");
  }

  private static AnalysisResult analyze(StaticAnalyzerService service) throws Exception {
    Path app = Fixtures.app("npm-lock");
    return ServiceRun.analyze(service, List.of(app.getParent()), String.format(REQUEST, app));
  }

  @Test
  @SuppressWarnings("unchecked")
  void advisoriesOfTheLockFileAreFindingsAndExitOneIsSuccess() throws Exception {
    String report = Files.readString(Path.of("src/test/resources/npm-audit/report.json"));

    AnalysisResult r = analyze(service(npm(report, "", 1), true));

    Map<String, Object> rec = record(r);
    assertThat(rec).containsEntry("status", "success").containsEntry("total_issues", 3)
        .containsEntry("projects_audited", 1).containsEntry("vulnerable_packages", 2);
    assertThat(Files.readAllLines(dir.resolve("args")))
        .containsExactly("audit", "--json", "--package-lock-only", "--no-fund", "--no-update-notifier");
    assertThat(Files.readAllLines(dir.resolve("files"))).containsExactlyInAnyOrder("package.json", "package-lock.json");
    List<Map<String, Object>> issues = (List<Map<String, Object>>) rec.get("issues");
    assertThat(issues).extracting(i -> i.get("rule"))
        .containsExactlyInAnyOrder("GHSA-p6mc-m468-83gw", "GHSA-35jh-r3h4-6jhm", "GHSA-xvch-5gv4-984h");
    // two advisories of one package: npm's dict has one key per package, so the second is keyed lodash~2
    assertThat(issues).extracting(i -> i.get("rule_id")).contains("GHSA-35jh-r3h4-6jhm~2");
    assertThat(issues).allSatisfy(i -> assertThat(i.get("file")).isEqualTo("frontend/package-lock.json"));
    assertThat(issues).extracting(i -> i.get("cwe")).contains("CWE-770", "CWE-77", "CWE-1321");
    Map<String, Object> vulns = (Map<String, Object>) rec.get("vulnerabilities");
    assertThat(vulns).containsKeys("minimist", "lodash", "lodash~2");
    Map<String, Object> via = ((List<Map<String, Object>>) ((Map<String, Object>) vulns.get("minimist")).get("via"))
        .get(0);
    assertThat(via).containsEntry("url", "https://github.com/advisories/GHSA-xvch-5gv4-984h")
        .containsEntry("range", "<0.2.4");
    assertThat(r.analysis().findings()).anySatisfy(f -> {
      assertThat(f.tools()).contains("npm-audit");
      assertThat(f.extra()).containsEntry("advisory_url", "https://github.com/advisories/GHSA-p6mc-m468-83gw");
    });
  }

  @Test
  void npmsErrorObjectIsAnErrorInNpmsWordsNeverSuccess() throws Exception {
    String refused = "{\"message\":\"405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/"
        + "advisories/bulk\",\"statusCode\":405,\"body\":\"\",\"error\":{\"summary\":\"\",\"detail\":\"\"}}";

    Map<String, Object> rec = record(analyze(service(npm(refused, "npm error audit endpoint returned an error", 1),
        true)));

    assertThat(rec).containsEntry("status", "error").containsEntry("total_issues", 0);
    assertThat((String) rec.get("error")).contains("npm audit could not audit (frontend/package-lock.json)",
        "405 Method Not Allowed");
  }

  @Test
  void anUnreachableRegistryIsAnErrorSayingSo() throws Exception {
    String offline = "{\"error\":{\"code\":\"ENOTFOUND\",\"summary\":\"request to https://registry.npmjs.org/-/npm/v1/"
        + "security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org\",\"detail\":\"\"}}";

    Map<String, Object> rec = record(analyze(service(npm(offline, "", 1), true)));

    assertThat(rec).containsEntry("status", "error").containsEntry("total_issues", 0);
    assertThat((String) rec.get("error")).contains("ENOTFOUND registry.npmjs.org");
  }

  @Test
  void aCrashIsAnErrorWithTheStderrTail() throws Exception {
    Map<String, Object> crashed = record(analyze(service(npm("", "npm error Cannot read properties of undefined", 1),
        true)));
    Map<String, Object> strange = record(analyze(service(npm("{}", "npm error code E999", 3), true)));
    Map<String, Object> garbage = record(analyze(service(npm("<html>502 Bad Gateway</html>", "", 0), true)));

    assertThat(crashed).containsEntry("status", "error");
    assertThat((String) crashed.get("error")).contains("crashed", "Cannot read properties of undefined");
    assertThat(strange).containsEntry("status", "error");
    assertThat((String) strange.get("error")).contains("exited with 3", "npm error code E999");
    assertThat(garbage).containsEntry("status", "error");
    assertThat((String) garbage.get("error")).contains("not JSON");
  }

  @Test
  void offlineItDoesNotRunAndSaysWhy() throws Exception {
    String script = npm("{\"vulnerabilities\":{}}", "", 0);

    Map<String, Object> rec = record(analyze(service(script, false)));

    assertThat(rec).containsEntry("status", "skipped");
    assertThat((String) rec.get("error")).contains("ANALYZER_OFFLINE=1");
    assertThat(dir.resolve("args")).doesNotExist();
  }

  @Test
  void anAppWithoutALockFileHasItsNpmAuditCoveredByTheOsvDependencies() throws Exception {
    Path app = Fixtures.app("clean");

    AnalysisResult r = ServiceRun.analyze(service(npm("{\"vulnerabilities\":{}}", "", 0), true),
        List.of(app.getParent()), String.format(REQUEST, app));

    assertThat(record(r)).containsEntry("covered_by", List.of("dependencies"));
    assertThat(dir.resolve("args")).as("npm was not started").doesNotExist();
  }

  @Test
  void theRealNpmEitherAuditsTheLockFileOrSaysWhyItCouldNot() throws Exception {
    assumeTrue(ProcessRunner.which("npm").isPresent(), "npm is not installed");
    assumeTrue(registryAnswers(), "the npm registry is not reachable from here");

    Map<String, Object> rec = record(analyze(service(null, true)));

    if ("success".equals(rec.get("status"))) {
      assertThat((Integer) rec.get("total_issues")).as("lodash 4.17.15 and minimist 0.0.8 have advisories")
          .isGreaterThanOrEqualTo(2);
    } else {
      assertThat(rec).containsEntry("status", "error").containsEntry("total_issues", 0);
      assertThat((String) rec.get("error")).contains("npm audit could not audit (frontend/package-lock.json)");
    }
  }
}
