package dev.analyzer.benchmarks;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.dynamic.auth.AuthConfig;
import dev.analyzer.dynamic.fixture.FixtureTruth;
import dev.analyzer.dynamic.fixture.PlantedIssue;
import dev.analyzer.dynamic.fixture.VulnerableApp;
import dev.analyzer.dynamic.scan.DynamicScan;
import dev.analyzer.dynamic.scan.ScanConfig;
import dev.analyzer.dynamic.scan.ScanReport;
import dev.analyzer.dynamic.tools.StandaloneTool;
import dev.analyzer.dynamic.tools.ToolRun;
import dev.analyzer.dynamic.tools.WapitiTool;
import dev.analyzer.http.target.TargetPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The dynamic service's built-in engine against wapiti (Debian 3.0.4, the tool users compare with)
 * on the same loopback target in the same run: the fixture app of analyzer-dynamic's test-jar
 * ({@code VulnerableApp}, a small Flask-like app with planted issues and decoys, {@code FixtureTruth}).
 * For each scanner: planted issues found, decoys reported (false reports), other findings (not in
 * the truth lists, not judged), wall time; then the time ratio. Each scanner gets a fresh app. wapiti
 * runs its "standard" module set directly against the app (not through our scan proxy). Numbers,
 * never pass/fail. Usage: {@code DynamicScanBenchmark [wapitiTimeoutSeconds]}.
 */
public final class DynamicScanBenchmark {

  private DynamicScanBenchmark() {}

  public static void main(String[] args) throws Exception {
    int wapitiTimeout = args.length > 0 ? Integer.parseInt(args[0]) : 600;
    Result safe = engine("built-in engine, safe defaults (GET/HEAD/OPTIONS, no login)",
        ScanConfig.builder().build());
    Result full = engine("built-in engine, login + unsafe methods allowed", ScanConfig.builder()
        .withAllowUnsafeMethods(true)
        .withAuth(new AuthConfig(AuthConfig.Kind.JSON, "/api/login", "alice", "wonderland", null, null, null, null))
        .build());
    Result wapiti = null;
    if (Files.isExecutable(Path.of("/usr/bin/wapiti"))) {
      wapiti = wapiti(wapitiTimeout);
    } else {
      System.out.println("wapiti is not installed (scripts/install-tools.sh): its side is skipped");
    }
    System.out.printf(Locale.ROOT, "%ndynamic scan of the fixture app: %d planted issues, %d decoys%n",
        FixtureTruth.PLANTED.size(), FixtureTruth.DECOYS.size());
    for (Result r : wapiti == null ? List.of(safe, full) : List.of(safe, full, wapiti)) {
      System.out.printf(Locale.ROOT, "%-62s found %2d/%d  false %d  other %2d  time %6.1f s%n", r.name, r.found,
          FixtureTruth.PLANTED.size(), r.falseReports, r.other, r.seconds);
    }
    if (wapiti != null) {
      System.out.printf(Locale.ROOT, "ratio engine (login + unsafe) / wapiti: found %d vs %d, false %d vs %d,"
          + " time %.2fx%n", full.found, wapiti.found, full.falseReports, wapiti.falseReports,
          full.seconds / wapiti.seconds);
      System.out.println("missed by wapiti: " + wapiti.missed);
    }
    System.out.println("missed by the engine (login + unsafe): " + full.missed);
  }

  private static Result engine(String name, ScanConfig config) throws Exception {
    try (VulnerableApp app = VulnerableApp.start(0);
        DynamicScan scan = DynamicScan.builder().withConfig(config).withTargetPolicy(TargetPolicy.loopbackOnly())
            .build()) {
      long t0 = System.nanoTime();
      ScanReport r = scan.scan(List.of(app.url()));
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "%s: %d findings in %.1f s, %s%n", name, r.findings().size(), seconds, r.stats());
      return Result.of(name, r.findings(), seconds);
    }
  }

  private static Result wapiti(int timeoutSeconds) throws Exception {
    try (VulnerableApp app = VulnerableApp.start(0);
        DynamicScan scan = DynamicScan.builder().withConfig(ScanConfig.builder().withAllowUnsafeMethods(true).build())
            .withTargetPolicy(TargetPolicy.loopbackOnly()).build()) {
      long t0 = System.nanoTime();
      ToolRun w = StandaloneTool.run(new WapitiTool(), scan, app.url(), "standard", Duration.ofSeconds(timeoutSeconds),
          false, line -> { });
      double seconds = (System.nanoTime() - t0) / 1e9;
      String name = "wapiti 3.0.4 (" + WapitiTool.MODULES.get("standard").split(",").length + " modules, " + w.status()
          + ")";
      System.out.printf(Locale.ROOT, "%s: %d findings in %.1f s%s%n", name, w.findings().size(), seconds,
          w.error() == null ? "" : ", error: " + w.error());
      return Result.of(name, w.findings(), seconds);
    }
  }

  private record Result(String name, int found, int falseReports, int other, double seconds, TreeSet<String> missed) {

    static Result of(String name, List<Finding> findings, double seconds) {
      int found = 0;
      TreeSet<String> missed = new TreeSet<>();
      for (PlantedIssue p : FixtureTruth.PLANTED) {
        if (FixtureTruth.found(p, findings)) {
          found++;
        } else {
          missed.add(p.ruleId() + (p.path() == null ? "" : " " + p.path()) + (p.parameter() == null ? ""
              : "?" + p.parameter()));
        }
      }
      List<Finding> wrong = FixtureTruth.falsePositives(findings);
      int other = (int) findings.stream().filter(f -> !wrong.contains(f)
          && FixtureTruth.PLANTED.stream().noneMatch(p -> FixtureTruth.matches(p, f))).count();
      return new Result(name, found, wrong.size(), other, seconds, missed);
    }
  }
}
