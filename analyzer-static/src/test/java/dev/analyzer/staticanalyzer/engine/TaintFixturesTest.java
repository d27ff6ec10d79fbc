package dev.analyzer.staticanalyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.fixture.PlantedMarkers;
import dev.analyzer.staticanalyzer.fixture.PlantedMarkers.Marker;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planted-issue apps under {@code apps/taint} (a Flask app with a helper module and a test, an
 * Express server, browser code, a TSX component, a vendored library). Every line marked
 * {@code VULN: class[, class]} must carry a finding of each class; every {@code SAFE} line (decoys:
 * parameterised queries, sanitised input, constants, strings and comments) none of medium or above;
 * {@code LOW: class} a finding demoted to low; and no medium-or-above finding sits on an unmarked line.
 */
class TaintFixturesTest {

  private static Path root;
  private static final List<Marker> MARKERS = new ArrayList<>();
  private static final List<Finding> FINDINGS = new ArrayList<>();
  private static int suppressed;

  @BeforeAll
  static void scanAll() throws IOException, URISyntaxException {
    root = Path.of(TaintFixturesTest.class.getResource("/apps/taint").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    for (Path p : files) {
      String rel = root.relativize(p).toString().replace('\\', '/');
      String text = Files.readString(p);
      FileReport r = SyntaxEngine.analyze(rel, text);
      FINDINGS.addAll(r.findings());
      suppressed += r.suppressed();
      MARKERS.addAll(PlantedMarkers.parse(rel, text));
    }
  }

  private static List<Finding> at(String file, int line) {
    return FINDINGS.stream().filter(f -> f.location().file().equals(file) && f.location().line() == line).toList();
  }

  private static Set<String> classes(List<Finding> fs) {
    return fs.stream().map(f -> (String) f.extra().get("rule_class")).collect(Collectors.toSet());
  }

  @Test
  void everyPlantedIssueIsFound() {
    List<Marker> vulns = MARKERS.stream().filter(m -> m.kind().equals("VULN")).toList();

    assertThat(vulns.stream().mapToInt(m -> m.classes().size()).sum()).isGreaterThanOrEqualTo(40);
    for (Marker m : vulns) {
      assertThat(classes(at(m.file(), m.line()))).as(m.file() + ":" + m.line()).containsAll(m.classes());
    }
  }

  @Test
  void decoysAreQuiet() {
    List<Marker> safe = MARKERS.stream().filter(m -> m.kind().equals("SAFE")).toList();

    assertThat(safe).hasSizeGreaterThanOrEqualTo(10);
    for (Marker m : safe) {
      assertThat(at(m.file(), m.line())).as(m.file() + ":" + m.line())
          .allSatisfy(f -> assertThat(f.severity().isAtLeast(Severity.MEDIUM)).isFalse());
    }
  }

  @Test
  void nothingOfMediumOrAboveOutsideThePlantedLines() {
    Set<String> planted = MARKERS.stream().filter(m -> !m.kind().equals("SAFE"))
        .map(m -> m.file() + ":" + m.line()).collect(Collectors.toSet());

    assertThat(FINDINGS).filteredOn(f -> f.severity().isAtLeast(Severity.MEDIUM))
        .allSatisfy(f -> assertThat(planted).as(f.ruleId() + " " + f.location())
            .contains(f.location().file() + ":" + f.location().line()));
  }

  @Test
  void everyClassOfTheIssueIsPlantedInPythonAndJavascript() {
    Set<String> py = new java.util.HashSet<>();
    Set<String> js = new java.util.HashSet<>();
    MARKERS.stream().filter(m -> m.kind().equals("VULN"))
        .forEach(m -> (m.file().endsWith(".py") ? py : js).addAll(m.classes()));
    Set<String> all = Set.of("sql-injection", "nosql-injection", "command-injection", "code-injection", "xss",
        "ssrf", "path-traversal", "open-redirect", "deserialization", "xxe", "weak-crypto", "weak-random", "jwt",
        "hardcoded-secret", "insecure-tls", "cors", "bind-all");

    Set<String> both = new java.util.HashSet<>(py);
    both.addAll(js);
    assertThat(both).containsAll(all);
    assertThat(py).contains("ssti", "debug", "csrf", "password-hash");
    assertThat(js).contains("prototype-pollution", "cookie");
    assertThat(py).hasSizeGreaterThanOrEqualTo(15);
    assertThat(js).hasSizeGreaterThanOrEqualTo(15);
  }

  @Test
  void flowsThroughVariablesAndHelpersCarryTheirTraceAndHighConfidence() {
    List<Finding> traced = FINDINGS.stream().filter(f -> f.extra().get("trace") instanceof List<?> l && l.size() >= 3)
        .toList();

    assertThat(traced).hasSizeGreaterThanOrEqualTo(10).allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.HIGH));
    assertThat(traced).anySatisfy(f -> assertThat(f.extra().get("trace").toString()).contains("passed to run_shell()"));
    assertThat(traced).anySatisfy(f -> assertThat(f.extra().get("trace").toString()).contains("passed to backup()"));
    assertThat(FINDINGS).filteredOn(f -> f.extra().get("trace") == null && f.ruleId().equals("B602"))
        .allSatisfy(f -> assertThat(f.confidence()).isEqualTo(Confidence.MEDIUM));
  }

  @Test
  void suppressionCommentsSilenceTheirLineAndAreCounted() {
    assertThat(suppressed).isGreaterThanOrEqualTo(2);
    assertThat(at("flask/app.py", 179)).isEmpty();
  }

  @Test
  void vendoredCopiesAreSkippedAndTestFindingsDemoted() {
    assertThat(FINDINGS).noneSatisfy(f -> assertThat(f.location().file()).startsWith("express/static/js/lib/"));
    assertThat(at("flask/tests/test_app.py", 3)).extracting(Finding::severity).containsOnly(Severity.HIGH);
    assertThat(at("flask/tests/test_app.py", 7)).extracting(Finding::severity).containsOnly(Severity.LOW);
  }
}
