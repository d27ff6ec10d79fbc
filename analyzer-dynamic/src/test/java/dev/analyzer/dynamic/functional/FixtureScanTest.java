package dev.analyzer.dynamic.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.auth.AuthConfig;
import dev.analyzer.dynamic.endpoints.EndpointSpec;
import dev.analyzer.dynamic.fixture.FixtureTruth;
import dev.analyzer.dynamic.fixture.PlantedIssue;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.dynamic.scan.ScanReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in engine against the fixture app: every planted issue found, no decoy reported. */
class FixtureScanTest {

  private static VulnerableApp app;
  private static ScanReport full;

  @BeforeAll
  static void scan() throws Exception {
    app = VulnerableApp.start(0);
    ScanConfig config = ScanConfig.builder().withTimeDelay(Duration.ofMillis(600)).withAllowUnsafeMethods(true)
        .withAuth(new AuthConfig(AuthConfig.Kind.JSON, "/api/login", "alice", "wonderland", null, null, null, null))
        .withPorts(List.of(1)).withEndpoints(List.of(new EndpointSpec("GET", "/api/todos/:id", List.of(200), null),
            new EndpointSpec("GET", "/api/nothing", List.of(), null))).build();
    try (DynamicScan scan = DynamicScan.builder().withConfig(config).build()) {
      full = scan.scan(scan.resolve(List.of(app.url())), config, ScanListener.NONE);
    }
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void everyPlantedIssueIsFound() {
    List<PlantedIssue> missed = FixtureTruth.PLANTED.stream().filter(p -> !FixtureTruth.found(p, full.findings()))
        .toList();

    assertThat(missed).as(describe(full.findings())).isEmpty();
  }

  @Test
  void noDecoyIsReported() {
    assertThat(FixtureTruth.falsePositives(full.findings())).isEmpty();
  }

  @Test
  void theEndpointTesterAndThePortScanReport() {
    Map<String, Object> tests = full.endpointTests().get(app.url());
    Map<?, ?> counts = (Map<?, ?>) tests.get("endpoint_tests");

    assertThat(counts.get("passed")).isEqualTo(1);
    assertThat(counts.get("failed")).isEqualTo(1);
    assertThat(full.ports().get(0).open()).containsExactly(app.port());
    assertThat(full.siteMaps().get(app.url()).get("found_by").toString()).contains("script", "openapi", "form");
  }

  @Test
  void theCredentialsAppearNowhereInTheFindings() {
    assertThat(full.findings()).allSatisfy(f -> assertThat(f.toString()).doesNotContain("wonderland"));
  }

  @Test
  void theScanLoggedInAgainWhenItsTokenExpired() {
    assertThat(full.auth().values()).containsOnly("logged_in");
    assertThat(app.logins()).isGreaterThan(1);
  }

  static String describe(List<Finding> fs) {
    return fs.stream().map(f -> f.ruleId() + " " + (f.location() == null ? "" : f.location().url() + " "
        + f.location().parameter())).collect(Collectors.joining("\n"));
  }
}
