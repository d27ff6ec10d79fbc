package dev.analyzer.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.staticanalyzer.engine.FileReport;
import dev.analyzer.staticanalyzer.engine.SyntaxEngine;
import dev.analyzer.staticanalyzer.fixture.PlantedMarkers;
import dev.analyzer.staticanalyzer.syntax.Parser;
import dev.analyzer.staticanalyzer.tools.EslintTool;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Findings on the planted-issue apps (default {@value #DEFAULT_DIR}, relative to the repository
 * root): the built-in engine ({@code SyntaxEngine.analyze} per file, in-process, as
 * {@code TaintFixturesTest} and the service's engine tools run it, templates included), Debian's
 * bandit on the Python files ({@code bandit -r . -f json -q} in the directory) and ESLint with the
 * security, react and no-unsanitized plugins as {@code EslintTool} runs it
 * ({@code eslint -c tools/eslint/analyzer.eslint.config.mjs -f json --no-warn-ignored .}, no
 * sandbox here). Per tool: files read, wall time, findings, planted lines found and decoys flagged
 * (Python and JavaScript sides apart), judged as {@link PlantedMarkers} says; then the union.
 * A tool that is not installed is skipped with a line saying so. Numbers, not pass/fail. Usage:
 * {@code java -cp benchmarks.jar dev.analyzer.benchmarks.PlantedFindingsBenchmark [dir]}, or through
 * {@link StaticScanBenchmark}.
 */
public final class PlantedFindingsBenchmark {

  static final String DEFAULT_DIR = "analyzer-static/src/test/resources/apps/taint";
  private static final int RUNS = 5;
  private static final String MAPPING = "EslintTool's mapping";

  /**
   * The rules {@code EslintTool} treats as security rules (the keys of its CWE table): a warning of
   * one becomes a medium finding there, any other warning low.
   */
  private static final Set<String> MAPPED_SECURITY = Set.of("no-eval", "no-implied-eval", "no-new-func",
      "security/detect-eval-with-expression", "no-unsanitized/method", "no-unsanitized/property", "react/no-danger",
      "react/jsx-no-script-url", "no-script-url", "react/jsx-no-target-blank", "security/detect-non-literal-regexp",
      "security/detect-unsafe-regex", "security/detect-child-process", "security/detect-non-literal-fs-filename",
      "security/detect-pseudoRandomBytes", "security/detect-possible-timing-attacks");

  /** What one tool reported: every finding's count, and the {@code file:line} keys of those of medium or above. */
  private record Run(String name, int files, double wall, int findings, int medium, Set<String> lines,
      Set<String> any) {}

  private PlantedFindingsBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(Path.of(args.length > 0 ? args[0] : DEFAULT_DIR));
  }

  /** Runs the three tools over {@code dir} and prints the table; a missing directory is reported and skipped. */
  static void run(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      System.out.println("planted-issue findings skipped: no directory " + dir.toAbsolutePath()
          + " (run from the repository root, or pass the directory)");
      return;
    }
    Path root = dir.toRealPath();
    PlantedMarkers planted = PlantedMarkers.read(root);
    System.out.printf(Locale.ROOT, "planted-issue apps: %s, %d files; planted (VULN) lines: Python %d, JS %d;"
        + " decoy (SAFE) lines: Python %d, JS %d; test-file (LOW) lines %d%n", dir, planted.files().size(),
        planted.of("VULN", true).size(), planted.of("VULN", false).size(), planted.of("SAFE", true).size(),
        planted.of("SAFE", false).size(), planted.of("LOW", true).size() + planted.of("LOW", false).size());
    System.out.println("judged as TaintFixturesTest: a planted line is found, a decoy flagged, when a finding of"
        + " medium or above sits on that line.");
    System.out.println("medium+ means: engine severity >= medium; bandit issue_severity MEDIUM or HIGH; ESLint"
        + " severity 2 (error) only (every eslint-plugin-security rule is a warning in its recommended config);"
        + " the row \"EslintTool's mapping\" also counts security-rule warnings (the service reports them as medium).");

    List<Run> runs = new ArrayList<>();
    runs.add(engine(root, planted));
    bandit(root).ifPresent(runs::add);
    List<Run> eslint = eslint(root);
    runs.addAll(eslint);

    System.out.printf(Locale.ROOT, "%n%-46s %5s %7s %8s %6s %8s %8s %9s %9s %8s %8s%n", "tool", "files", "wall s",
        "findings", "med+", "py found", "js found", "py decoys", "js decoys", "test med+", "unmarked");
    for (Run r : runs) {
      System.out.println(row(r, planted));
    }
    Run strict = union("engine ∪ bandit ∪ eslint (errors)", runs.stream()
        .filter(r -> !r.name().endsWith(MAPPING)).toList());
    System.out.println(row(strict, planted));
    if (eslint.size() == 2) {
      System.out.println(row(union("engine ∪ bandit ∪ eslint (its mapping)", runs.stream()
          .filter(r -> !r.name().startsWith("eslint") || r.name().endsWith(MAPPING)).toList()), planted));
    }
    System.out.println("(files: files the tool read; wall: see below; findings: all severities; py/js found: planted"
        + " lines with a medium+ finding, of all; decoys: SAFE lines with one; test med+: LOW lines with one;"
        + " unmarked: other lines with one)");
    missed(planted, runs, strict);
  }

  private static String row(Run r, PlantedMarkers p) {
    return String.format(Locale.ROOT, "%-46s %5s %7s %8d %6d %8s %8s %9s %9s %8s %8d", r.name(),
        r.files() < 0 ? "-" : String.valueOf(r.files()), Double.isNaN(r.wall()) ? "-" : String.format(Locale.ROOT,
            "%.2f", r.wall()), r.findings(), r.medium(), of(p, "VULN", true, r), of(p, "VULN", false, r),
        of(p, "SAFE", true, r), of(p, "SAFE", false, r),
        (p.hit("LOW", true, r.lines()) + p.hit("LOW", false, r.lines())) + "/"
            + (p.of("LOW", true).size() + p.of("LOW", false).size()), p.unmarked(r.lines()));
  }

  private static String of(PlantedMarkers p, String kind, boolean python, Run r) {
    return p.hit(kind, python, r.lines()) + "/" + p.of(kind, python).size();
  }

  private static Run union(String name, List<Run> runs) {
    Set<String> lines = new LinkedHashSet<>();
    Set<String> any = new LinkedHashSet<>();
    runs.forEach(r -> lines.addAll(r.lines()));
    runs.forEach(r -> any.addAll(r.any()));
    return new Run(name, -1, Double.NaN, runs.stream().mapToInt(Run::findings).sum(),
        runs.stream().mapToInt(Run::medium).sum(), lines, any);
  }

  /** Planted lines no tool finds, and those only bandit or ESLint find. */
  private static void missed(PlantedMarkers p, List<Run> runs, Run all) {
    List<String> none = new ArrayList<>();
    for (boolean python : new boolean[] {true, false}) {
      for (PlantedMarkers.Marker m : p.of("VULN", python)) {
        if (!all.lines().contains(m.key())) {
          none.add(m.key() + " (" + String.join(",", m.classes()) + ")");
        }
      }
    }
    System.out.println("planted lines no tool finds at medium+: " + (none.isEmpty() ? "none" : String.join(" ", none)));
    List<String> below = p.markers().stream().filter(m -> m.kind().equals("VULN"))
        .filter(m -> !all.lines().contains(m.key()) && all.any().contains(m.key())).map(PlantedMarkers.Marker::key)
        .toList();
    System.out.println("  of which reported below medium by some tool: " + (below.isEmpty() ? "none"
        : String.join(" ", below)));
    for (Run r : runs) {
      List<String> decoys = p.markers().stream().filter(m -> m.kind().equals("SAFE") && r.lines().contains(m.key()))
          .map(PlantedMarkers.Marker::key).toList();
      Set<String> marked = p.markers().stream().map(PlantedMarkers.Marker::key).collect(Collectors.toSet());
      List<String> unmarked = r.lines().stream().filter(k -> !marked.contains(k)).toList();
      if (!decoys.isEmpty() || !unmarked.isEmpty()) {
        System.out.println(r.name().strip() + ": decoys flagged " + (decoys.isEmpty() ? "none" : decoys)
            + "; medium+ on unmarked lines " + (unmarked.isEmpty() ? "none" : unmarked));
      }
    }
    Run engine = runs.get(0);
    for (Run r : runs.subList(1, runs.size())) {
      List<String> only = p.markers().stream().filter(m -> m.kind().equals("VULN"))
          .filter(m -> r.lines().contains(m.key()) && !engine.lines().contains(m.key())).map(PlantedMarkers.Marker::key)
          .toList();
      System.out.println("planted lines " + r.name().strip() + " finds at medium+ and the engine misses: "
          + (only.isEmpty() ? "none" : String.join(" ", only)));
    }
  }

  private static Run engine(Path root, PlantedMarkers planted) throws Exception {
    long t0 = System.nanoTime();
    List<Finding> findings = new ArrayList<>();
    int files = scan(root, planted, findings);
    double cold = (System.nanoTime() - t0) / 1e9;
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      scan(root, planted, new ArrayList<>());
      warm.add((System.nanoTime() - t) / 1e9);
    }
    Collections.sort(warm);
    Set<String> lines = findings.stream().filter(f -> f.severity().isAtLeast(Severity.MEDIUM))
        .map(f -> f.location().file() + ":" + f.location().line()).collect(Collectors.toCollection(LinkedHashSet::new));
    int medium = (int) findings.stream().filter(f -> f.severity().isAtLeast(Severity.MEDIUM)).count();
    Set<String> any = findings.stream().map(f -> f.location().file() + ":" + f.location().line())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    System.out.printf(Locale.ROOT, "wall: the engine's first pass over these files in this JVM (%s tree-sitter"
        + " binding; JVM start excluded; class loading and JIT warm-up included when this part runs alone,"
        + " -Dbench.part=findings); warm: median %.3f s of %d; bandit and ESLint: median of 3 fresh processes"
        + " each (interpreter start included)%n", Parser.binding(), warm.get(warm.size() / 2), RUNS);
    return new Run("built-in engine (SyntaxEngine)", files, cold, findings.size(), medium, lines, any);
  }

  /** Analyses every file; returns how many the engine read (vendored and unknown files are skipped). */
  private static int scan(Path root, PlantedMarkers planted, List<Finding> out) throws Exception {
    int read = 0;
    for (String rel : planted.files()) {
      FileReport r = SyntaxEngine.analyze(rel, Files.readString(root.resolve(rel)));
      out.addAll(r.findings());
      read += r.how() == FileReport.How.SKIPPED ? 0 : 1;
    }
    return read;
  }

  private static java.util.Optional<Run> bandit(Path root) throws Exception {
    if (!onPath("bandit")) {
      System.out.println("bandit not installed (scripts/install-tools.sh): bandit row skipped");
      return java.util.Optional.empty();
    }
    String version = firstLine(exec(root, Map.of(), "bandit", "--version"));
    Run r = null;
    List<Double> walls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      String json = exec(root, Map.of(), "bandit", "-r", ".", "-f", "json", "-q");
      walls.add((System.nanoTime() - t0) / 1e9);
      if (r == null) {
        JsonNode doc = new ObjectMapper().readTree(json);
        Set<String> lines = new LinkedHashSet<>();
        Set<String> any = new LinkedHashSet<>();
        int medium = 0;
        for (JsonNode f : doc.path("results")) {
          String sev = f.path("issue_severity").asText();
          String key = f.path("filename").asText().replaceFirst("^\\./", "") + ":" + f.path("line_number").asInt();
          any.add(key);
          if (sev.equals("MEDIUM") || sev.equals("HIGH")) {
            medium++;
            lines.add(key);
          }
        }
        int files = 0;
        for (var it = doc.path("metrics").fieldNames(); it.hasNext();) {
          files += it.next().equals("_totals") ? 0 : 1;
        }
        r = new Run(version + " -r . -f json -q", files, 0, doc.path("results").size(), medium, lines, any);
      }
    }
    Collections.sort(walls);
    return java.util.Optional.of(new Run(r.name(), r.files(), walls.get(1), r.findings(), r.medium(), r.lines(),
        r.any()));
  }

  /** Two rows from the same runs: errors only, and as EslintTool maps severities (security warnings medium). */
  private static List<Run> eslint(Path root) throws Exception {
    var home = EslintTool.locate(System.getenv(EslintTool.DIR_VARIABLE));
    if (home.isEmpty()) {
      System.out.println("ESLint not installed (no tools/eslint/node_modules/.bin/eslint with its config; "
          + "scripts/install-tools.sh, or " + EslintTool.DIR_VARIABLE + "): ESLint rows skipped");
      return List.of();
    }
    String exe = EslintTool.executable(home.get()).toString();
    Map<String, String> env = Map.of("ESLINT_USE_FLAT_CONFIG", "true", "ESLINT_FLAGS", "");
    String version = firstLine(exec(root, env, exe, "--version"));
    List<Double> walls = new ArrayList<>();
    String json = null;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      String out = exec(root, env, exe, "-c", home.get().resolve("analyzer.eslint.config.mjs").toString(), "-f",
          "json", "--no-warn-ignored", ".");
      walls.add((System.nanoTime() - t0) / 1e9);
      json = json == null ? out : json;
    }
    Collections.sort(walls);
    JsonNode doc = new ObjectMapper().readTree(json);
    Set<String> errors = new LinkedHashSet<>();
    Set<String> mapped = new LinkedHashSet<>();
    Set<String> any = new LinkedHashSet<>();
    List<String> linted = new ArrayList<>();
    int total = 0;
    int nErrors = 0;
    int nMapped = 0;
    for (JsonNode file : doc) {
      Path p = Path.of(file.path("filePath").asText());
      String rel = (p.isAbsolute() && p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
      linted.add(rel);
      for (JsonNode m : file.path("messages")) {
        total++;
        String key = rel + ":" + Math.max(1, m.path("line").asInt(1));
        any.add(key);
        String rule = m.path("ruleId").isTextual() ? m.path("ruleId").asText() : "";
        if (m.path("severity").asInt() == 2) {
          nErrors++;
          errors.add(key);
        }
        if (m.path("severity").asInt() == 2 || MAPPED_SECURITY.contains(rule)) {
          nMapped++;
          mapped.add(key);
        }
      }
    }
    System.out.println("ESLint lints " + String.join(" ", linted) + " (its config covers .js/.jsx/.mjs/.cjs only)");
    String name = "eslint " + version + " + plugins";
    return List.of(new Run(name + ", errors", doc.size(), walls.get(1), total, nErrors, errors, any),
        new Run(name + ", EslintTool's mapping", doc.size(), walls.get(1), total, nMapped, mapped, any));
  }

  /** Runs {@code cmd} in {@code dir}; its stdout; exit 0 or 1 (ESLint and bandit: problems found) are success. */
  private static String exec(Path dir, Map<String, String> env, String... cmd) throws Exception {
    File out = File.createTempFile("planted-bench", ".out");
    File err = File.createTempFile("planted-bench", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out).redirectError(err);
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " ran past 5 minutes");
      }
      if (p.exitValue() > 1) {
        throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ": "
            + Files.readString(err.toPath()).strip());
      }
      return Files.readString(out.toPath());
    } finally {
      out.delete();
      err.delete();
    }
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
