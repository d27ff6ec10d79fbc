package dev.analyzer.dynamic.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.fixture.Decoy;
import dev.analyzer.dynamic.fixture.FixtureTruth;
import dev.analyzer.dynamic.fixture.PlantedIssue;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.dynamic.scan.ScanReport;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against an app it was not written for: an independent tester's stdlib "Bookshelf"
 * app (src/test/resources/outside-app/app.py, its truth in truth.txt), run by /usr/bin/python3,
 * scanned in unsafe mode without login. Planted issues the engine should find (P21 needs the form
 * login and is left out) and decoys it must not report.
 */
class OutsideAppScanTest {

  private static final Path PYTHON = Path.of("/usr/bin/python3");

  /** The planted issues of truth.txt the engine covers, plus the tester's verified unplanted U1-U4. */
  static final List<PlantedIssue> PLANTED = List.of(
      at("dyn.sqli", "/book", "id"), origin("dyn.stack-trace"), at("dyn.sqli", "/search", "q"),
      at("dyn.xss-reflected", "/subscribe", "email"), at("dyn.xss-reflected", "/track", "ref"),
      at("dyn.xss-stored", "/guestbook", "message"), at("dyn.open-redirect", "/redirect", "url"),
      at("dyn.path-traversal", "/read", "page"), at("dyn.command-injection", "/tools/dns", "ip"),
      at("dyn.ssti", "/card", "greeting"), origin("dyn.csp-missing"), origin("dyn.clickjacking"),
      origin("dyn.nosniff-missing"), origin("dyn.cookie-no-httponly"), origin("dyn.cookie-no-samesite"),
      origin("dyn.cors-reflected-origin"), at("dyn.exposed-git", "/.git/config", null),
      at("dyn.exposed-backup", "/backup.zip", null), at("dyn.exposed-backup", "/config.php.bak", null),
      at("dyn.exposed-env", "/.env", null), at("dyn.sqli", "/api/books", "id"), at("dyn.sqli", "/login", "username"),
      at("dyn.sqli", "/api/reviews/search", "author"), origin("dyn.server-version-leak"), origin("dyn.dev-server"),
      at("dyn.crlf-injection", "/redirect", "url"), at("dyn.crlf-injection", "/continue", "next"),
      origin("dyn.cors-null-origin"), at("dyn.sqli", "/login", "password"));

  /** D1-D10 of truth.txt. */
  static final List<Decoy> DECOYS = List.of(
      new Decoy("dyn.admin-exposed", null, "SPA fallback"), new Decoy("dyn.source-map-exposed", null, "SPA fallback"),
      new Decoy("dyn.xss-reflected", "/hello", "html.escape(quote=True)"),
      new Decoy("dyn.sqli", "/author", "parameterised query"),
      new Decoy("dyn.sqli", "/help/errors", "static page mentioning SQL errors"),
      new Decoy("dyn.sqli", "/faq", "unknown topic falls back to a FAQ quoting SQL errors"),
      new Decoy("dyn.open-redirect", "/continue", "local paths only"),
      new Decoy("dyn.path-traversal", "/download", "basename() only"),
      new Decoy("dyn.command-injection", "/tools/check", "validated, no shell"),
      new Decoy("dyn.cors-wildcard-credentials", null, "ACAO * without credentials"),
      new Decoy("dyn.sqli", "/books", "int() fallback"));

  private static Process app;
  private static ScanReport report;

  @BeforeAll
  static void scan(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
    Path script = dir.resolve("app.py");
    try (InputStream in = OutsideAppScanTest.class.getResourceAsStream("/outside-app/app.py")) {
      Files.copy(in, script);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    app = new ProcessBuilder(PYTHON.toString(), script.toString(), Integer.toString(port)).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    int bound = port;
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
      try (Socket s = new Socket("127.0.0.1", bound)) {
        return true;
      }
    });
    ScanConfig config = ScanConfig.builder().withTimeDelay(Duration.ofMillis(600)).withAllowUnsafeMethods(true)
        .withPorts(List.of(1)).build();
    try (DynamicScan scan = DynamicScan.builder().withConfig(config).build()) {
      report = scan.scan(scan.resolve(List.of("http://127.0.0.1:" + port)), config, ScanListener.NONE);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (app != null) {
      app.destroyForcibly().waitFor();
    }
  }

  @Test
  void thePlantedIssuesAreFound() {
    List<PlantedIssue> missed = PLANTED.stream().filter(p -> report.findings().stream()
        .noneMatch(f -> FixtureTruth.matches(p, f))).toList();

    assertThat(missed).as(FixtureScanTest.describe(report.findings())).isEmpty();
  }

  @Test
  void noDecoyIsReported() {
    List<Finding> decoys = report.findings().stream().filter(f -> DECOYS.stream().anyMatch(d ->
        f.ruleId().startsWith(d.rulePrefix()) && (d.path() == null || d.path().equals(FixtureTruth.path(f))))).toList();

    assertThat(decoys).as(FixtureScanTest.describe(report.findings())).isEmpty();
  }

  @Test
  void noExposedFileIsTheSpaFallback() {
    assertThat(report.findings()).filteredOn(f -> f.ruleId().startsWith("dyn.exposed-"))
        .allSatisfy(f -> assertThat(f.evidence()).doesNotContain("<div id=\"app\">"));
  }

  private static PlantedIssue at(String rule, String path, String param) {
    return new PlantedIssue(rule, path, param, false, false, "outside app");
  }

  private static PlantedIssue origin(String rule) {
    return new PlantedIssue(rule, null, null, false, false, "outside app");
  }
}
