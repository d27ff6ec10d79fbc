package dev.analyzer.staticanalyzer.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** npm 7+ {@code npm audit --json} output (advisories, packages affected through others, npm's error objects). */
class NpmAuditReportTest {

  private static final String LOCK = "{\n  \"packages\": {\n    \"\": {},\n    \"node_modules/lodash\": {\n"
      + "      \"version\": \"4.17.15\"\n    },\n    \"node_modules/minimist\": {\n      \"version\": \"0.0.8\"\n"
      + "    },\n    \"node_modules/mkdirp\": {\n      \"version\": \"0.5.1\"\n    }\n  }\n}\n";

  @Test
  void eachAdvisoryIsOneFindingWithItsCweUrlSeverityAndFix() throws Exception {
    String report = Files.readString(Path.of("src/test/resources/npm-audit/report.json"));

    NpmAuditReport.Outcome o = NpmAuditReport.parse(report, "web/package-lock.json", LOCK);

    assertThat(o.failure()).isNull();
    assertThat(o.packages()).isEqualTo(2);
    assertThat(o.findings()).extracting(Finding::ruleId)
        .containsExactly("GHSA-p6mc-m468-83gw", "GHSA-35jh-r3h4-6jhm", "GHSA-xvch-5gv4-984h");
    Finding pollution = o.findings().get(0);
    assertThat(pollution.tool()).isEqualTo("npm-audit");
    assertThat(pollution.cwe()).isEqualTo("CWE-770");
    assertThat(pollution.severity()).isEqualTo(Severity.HIGH);
    assertThat(pollution.location().file()).isEqualTo("web/package-lock.json");
    assertThat(pollution.location().line()).isEqualTo(4);
    assertThat(pollution.extra()).containsEntry("advisory_url", "https://github.com/advisories/GHSA-p6mc-m468-83gw")
        .containsEntry("package", "lodash").containsEntry("ecosystem", "npm")
        .containsEntry("vulnerable_range", ">=3.7.0 <4.17.19").containsEntry("fix_available", "lodash@4.17.21")
        .containsEntry("fixed_version", "4.17.21").containsEntry("is_direct", true);
    assertThat(pollution.remediation()).contains("Upgrade to lodash@4.17.21");
    Finding minimist = o.findings().get(2);
    assertThat(minimist.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(minimist.location().line()).isEqualTo(7);
    assertThat(minimist.extra()).containsEntry("fix_available", true);
  }

  @Test
  void aPackageAffectedOnlyThroughAnotherIsOneFindingNamingIt() {
    String report = "{\"auditReportVersion\":2,\"vulnerabilities\":{\"mkdirp\":{\"name\":\"mkdirp\","
        + "\"severity\":\"moderate\",\"isDirect\":false,\"via\":[\"minimist\"],\"effects\":[],"
        + "\"range\":\"0.4.1 - 0.5.1\",\"nodes\":[\"node_modules/mkdirp\"],"
        + "\"fixAvailable\":{\"name\":\"mkdirp\",\"version\":\"1.0.4\",\"isSemVerMajor\":true}}}}";

    NpmAuditReport.Outcome o = NpmAuditReport.parse(report, "package-lock.json", LOCK);

    assertThat(o.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("npm-audit-via");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.title()).contains("mkdirp", "through minimist");
      assertThat(f.location().line()).isEqualTo(10);
      assertThat(f.remediation()).contains("mkdirp@1.0.4 (semver major)", "--force");
    });
  }

  @Test
  void nothingVulnerableIsNoFindingAndNoFailure() {
    NpmAuditReport.Outcome o = NpmAuditReport.parse("{\"auditReportVersion\":2,\"vulnerabilities\":{},"
        + "\"metadata\":{\"vulnerabilities\":{\"total\":0}}}", "package-lock.json", LOCK);

    assertThat(o.findings()).isEmpty();
    assertThat(o.failure()).isNull();
  }

  @Test
  void npmsErrorObjectIsAFailureInNpmsWords() {
    NpmAuditReport.Outcome refused = NpmAuditReport.parse("{\"message\":\"405 Method Not Allowed - POST"
        + " https://registry.npmjs.org/-/npm/v1/security/advisories/bulk\",\"statusCode\":405,\"body\":\"\","
        + "\"error\":{\"summary\":\"\",\"detail\":\"\"}}", "package-lock.json", LOCK);
    NpmAuditReport.Outcome offline = NpmAuditReport.parse("{\"error\":{\"code\":\"ENOTFOUND\",\"summary\":"
        + "\"request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo"
        + " ENOTFOUND registry.npmjs.org\",\"detail\":\"\"}}", "package-lock.json", LOCK);

    assertThat(refused.findings()).isEmpty();
    assertThat(refused.failure()).contains("405 Method Not Allowed", "[HTTP 405]");
    assertThat(offline.findings()).isEmpty();
    assertThat(offline.failure()).contains("getaddrinfo ENOTFOUND registry.npmjs.org", "[ENOTFOUND]");
  }

  @Test
  void outputThatIsNoAuditReportIsRefusedNamingWhy() {
    assertThatThrownBy(() -> NpmAuditReport.parse("<html>502 Bad Gateway</html>", "package-lock.json", LOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> NpmAuditReport.parse("{\"actions\":[],\"advisories\":{}}", "package-lock.json", LOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("npm 6");
    assertThatThrownBy(() -> NpmAuditReport.parse("[1,2]", "package-lock.json", LOCK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
  }
}
