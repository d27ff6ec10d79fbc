package dev.analyzer.staticanalyzer.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.staticanalyzer.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** requirements.txt, package.json and package-lock.json against the OSV snapshot and extra OSV files. */
class DependencyScannerTest {

  @TempDir
  Path tmp;

  private static DependencyScanner scanner() throws Exception {
    return new DependencyScanner(OsvDatabase.load(null));
  }

  @Test
  void vulnerablePinsAreReportedWithTheFix() throws Exception {
    List<Finding> f = scanner().scan("backend/requirements.txt", "requirements.txt",
        Fixtures.read("vulnerable", "backend/requirements.txt"));

    assertThat(Fixtures.rules(f)).contains("GHSA-m2qf-hxjv-5gpq", "GHSA-2g68-c3qc-8985", "GHSA-h5c8-rqwp-cp95",
        "GHSA-j8r2-6x86-q33q", "GHSA-8q59-q68h-6hv4", "GHSA-84pr-m4jr-85g5");
    Finding flask = f.stream().filter(x -> x.ruleId().equals("GHSA-m2qf-hxjv-5gpq")).findFirst().orElseThrow();
    assertThat(flask.location().line()).isEqualTo(1);
    assertThat(flask.remediation()).isEqualTo("Upgrade flask to 2.2.5 or later.");
    assertThat(flask.title()).contains("CVE-2023-30861");
    assertThat(flask.extra()).containsEntry("fixed_version", "2.2.5");
  }

  @Test
  void aRangeIsCheckedAtItsLowestVersionAndSaysSo() throws Exception {
    Finding cors = scanner().scan("r.txt", "requirements.txt", "flask-cors>=3.0.10\n").get(0);

    assertThat(cors.message()).contains("lowest version the range allows");
  }

  @Test
  void cleanPinsAreClean() throws Exception {
    assertThat(scanner().scan("r.txt", "requirements.txt", Fixtures.read("clean", "backend/requirements.txt"))).isEmpty();
    assertThat(scanner().scan("package.json", "package.json", Fixtures.read("clean", "frontend/package.json"))).isEmpty();
  }

  @Test
  void packageJsonAndLockFiles() throws Exception {
    assertThat(Fixtures.rules(scanner().scan("package.json", "package.json",
        Fixtures.read("vulnerable", "frontend/package.json")))).contains("GHSA-35jh-r3h4-6jhm", "GHSA-p6mc-m468-83gw",
            "GHSA-cph5-m8f7-6c5x", "GHSA-xvch-5gv4-984h");
    String lock = "{\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"x\"},"
        + "\"node_modules/semver\":{\"version\":\"7.5.1\"},\"node_modules/a/node_modules/semver\":{\"version\":\"7.5.4\"}}}";
    assertThat(Fixtures.rules(scanner().scan("package-lock.json", "package-lock.json", lock)))
        .containsExactly("GHSA-c2qf-rxjj-qqgw");
  }

  @Test
  void extraOsvFilesAreLoaded() throws Exception {
    Files.writeString(tmp.resolve("custom.json"), "{\"id\":\"OSV-TEST-1\",\"summary\":\"bad\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"PyPI\",\"name\":\"Some_Pkg\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
        + "{\"last_affected\":\"1.4\"}]}]}]}");
    Files.writeString(tmp.resolve("broken.json"), "{not json");
    OsvDatabase db = OsvDatabase.load(tmp);

    assertThat(db.extraFiles()).isEqualTo(1);
    assertThat(Fixtures.rules(new DependencyScanner(db).scan("r.txt", "requirements.txt", "some-pkg==1.4\nsome-pkg==1.5\n")))
        .containsExactly("OSV-TEST-1");
  }

  @Test
  void versionsCompareLikePep440AndSemver() {
    assertThat(Versions.compare("2.0.1", "2.2.5")).isNegative();
    assertThat(Versions.compare("2.10", "2.9")).isPositive();
    assertThat(Versions.compare("1.0", "1.0.0")).isZero();
    assertThat(Versions.compare("1.0.0-beta.2", "1.0.0")).isNegative();
    assertThat(Versions.compare("1.0rc1", "1.0")).isNegative();
    assertThat(Versions.compare("v4.17.21", "4.17.20")).isPositive();
  }
}
