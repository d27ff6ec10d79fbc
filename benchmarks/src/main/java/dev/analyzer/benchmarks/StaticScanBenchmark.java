package dev.analyzer.benchmarks;

import dev.analyzer.staticanalyzer.engine.BuiltinEngine;
import dev.analyzer.staticanalyzer.rules.CodeRuleAnalyzer;
import dev.analyzer.staticanalyzer.syntax.Parser;
import dev.analyzer.staticanalyzer.secrets.SecretScanner;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceFile;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Static scan throughput. Part 1: the built-in engine (tree-sitter and taint, {@code BuiltinEngine},
 * in-process, warm) against Debian's bandit on the same real Python files (a copy of the first
 * {@value #REAL_FILES} {@code .py} files under 200 KB of {@code /usr/lib/python3.11}, or the
 * directory given), wall time and CPU time (the engine's process CPU, bandit's user+sys as a
 * child), one engine thread and one per core. Part 2: the lexer rules (the engine's fallback) and the
 * secrets scanner over a generated corpus. Part 3: findings on the planted-issue apps (default
 * {@value PlantedFindingsBenchmark#DEFAULT_DIR}, relative to the repository root), the engine against
 * bandit and ESLint: planted issues found and decoys flagged per tool ({@link PlantedFindingsBenchmark}).
 * Prints medians; numbers, not pass/fail. Usage:
 * {@code java [-Dbench.part=all|speed|findings] [-Dbench.fixtures=DIR] -cp benchmarks.jar
 * dev.analyzer.benchmarks.StaticScanBenchmark [pyFiles jsFiles runs [pythonDir [fixturesDir]]]}:
 * {@code bench.part} (default {@code all}) runs parts 1 and 2 only ({@code speed}) or part 3 only
 * ({@code findings}, a few seconds); the fixture directory is the fifth argument, else
 * {@code bench.fixtures}, else the default (a missing directory is reported and part 3 skipped).
 */
public final class StaticScanBenchmark {

  static final int REAL_FILES = 400;

  private StaticScanBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pyFiles = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int jsFiles = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String part = System.getProperty("bench.part", "all");
    if (!List.of("all", "speed", "findings").contains(part)) {
      throw new IllegalArgumentException("bench.part must be all, speed or findings, not '" + part + "'");
    }
    Path fixtures = Path.of(args.length > 4 ? args[4]
        : System.getProperty("bench.fixtures", PlantedFindingsBenchmark.DEFAULT_DIR));
    if (part.equals("findings")) {
      PlantedFindingsBenchmark.run(fixtures);
      return;
    }
    realPython(args.length > 3 && !args[3].isEmpty() ? Path.of(args[3]) : null, runs);
    Path root = Files.createTempDirectory("analyzer-bench-corpus");
    long bytes = Corpus.generate(root, pyFiles, jsFiles, 7);
    SourceTree tree = SourceTree.walk(root, 2 * 1024 * 1024, 1_000_000);
    List<SourceFile> py = tree.files(Language.PYTHON);
    List<SourceFile> js = tree.files(Language.JAVASCRIPT);
    long pyBytes = py.stream().mapToLong(SourceFile::size).sum();
    long jsBytes = js.stream().mapToLong(SourceFile::size).sum();
    System.out.printf(Locale.ROOT, "corpus: %d Python files (%.2f MB), %d JSX files (%.2f MB), %s%n",
        py.size(), pyBytes / 1e6, js.size(), jsBytes / 1e6, root);

    List<String> rows = new ArrayList<>();
    for (int warm = 0; warm < 3; warm++) {
      scanPython(py);
      scanJs(js);
      scanSecrets(tree.files());
    }
    double pyBuiltin = median(runs, () -> scanPython(py));
    double jsBuiltin = median(runs, () -> scanJs(js));
    double secrets = median(runs, () -> scanSecrets(tree.files()));
    rows.add(row("lexer rules python (engine fallback)", py.size(), pyBytes, pyBuiltin));
    rows.add(row("lexer rules js (engine fallback)", js.size(), jsBytes, jsBuiltin));
    rows.add(row("built-in secrets (all files)", tree.files().size(), bytes, secrets));
    rows.add(row("lexer rules + secrets", tree.files().size(), bytes, pyBuiltin + jsBuiltin + secrets));
    Double bandit = null;
    if (onPath("bandit")) {
      bandit = median(Math.min(runs, 3), () -> runProcess(root, "bandit", "-f", "json", "-q", "-r", "backend"));
      double startup = median(3, () -> runProcess(root, "bandit", "--version"));
      rows.add(row("bandit 1.6 (Debian) on the Python files", py.size(), pyBytes, bandit));
      rows.add(String.format(Locale.ROOT, "%-42s %8s %10s %9.3f s", "  of which bandit start-up (--version)", "", "", startup));
    }
    System.out.printf(Locale.ROOT, "%n%-42s %8s %10s %11s %10s %10s%n", "analyzer", "files", "MB", "median", "MB/s", "files/s");
    rows.forEach(System.out::println);
    if (bandit != null) {
      System.out.printf(Locale.ROOT, "%nratio lexer rules / bandit (generated files, wall time): %.1fx faster%n",
          bandit / pyBuiltin);
    } else {
      System.out.println("\nbandit not installed: run scripts/install-tools.sh for the side-by-side figure");
    }
    if (part.equals("all")) {
      System.out.println();
      PlantedFindingsBenchmark.run(fixtures);
    }
  }

  /**
   * The engine against bandit on real Python files: {@code dir}, or a copy of the first
   * {@value #REAL_FILES} {@code .py} files under 200 KB of {@code /usr/lib/python3.11} (walk order).
   */
  private static void realPython(Path dir, int runs) throws Exception {
    Path corpus = dir;
    if (corpus == null) {
      Path lib = Path.of("/usr/lib/python3.11");
      if (!Files.isDirectory(lib)) {
        System.out.println("no /usr/lib/python3.11 and no directory given: engine vs bandit on real files skipped");
        return;
      }
      corpus = Files.createTempDirectory("analyzer-bench-python");
      List<Path> picked = new ArrayList<>();
      try (var s = Files.walk(lib)) {
        s.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).filter(p -> size(p) < 200 * 1024)
            .limit(REAL_FILES).forEach(picked::add);
      }
      for (Path p : picked) {
        Path to = corpus.resolve(lib.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    }
    BuiltinEngine.Result first = BuiltinEngine.scanDirectory(corpus, false, 1);
    System.out.printf(Locale.ROOT, "engine vs bandit, real Python: %s, %d files, %.2f MB, binding %s%n", corpus,
        first.files(), first.bytes() / 1e6, Parser.binding());
    Path scanned = corpus;
    for (int warm = 0; warm < 3; warm++) {
      BuiltinEngine.scanDirectory(scanned, false, 1);
    }
    int threads = BuiltinEngine.defaultThreads();
    double[] one = medianWallCpu(runs, () -> BuiltinEngine.scanDirectory(scanned, false, 1), false);
    double[] all = medianWallCpu(runs, () -> BuiltinEngine.scanDirectory(scanned, false, threads), false);
    System.out.printf(Locale.ROOT, "%-46s %10s %10s %10s%n", "run (median)", "wall s", "CPU s", "findings");
    System.out.printf(Locale.ROOT, "%-46s %10.2f %10.2f %10d%n", "engine, 1 thread (warm JVM)", one[0], one[1],
        first.findings().size());
    System.out.printf(Locale.ROOT, "%-46s %10.2f %10.2f %10d%n", "engine, " + threads + " threads (warm JVM)", all[0],
        all[1], first.findings().size());
    if (!onPath("bandit")) {
      System.out.println("bandit not installed: run scripts/install-tools.sh for the side-by-side figure");
      return;
    }
    double[] bandit = medianWallCpu(Math.min(runs, 3), () -> runProcess(scanned, "bandit", "-r", ".", "-f", "json",
        "-o", "/dev/null", "-q"), true);
    System.out.printf(Locale.ROOT, "%-46s %10.2f %10.2f%n", "bandit -r . -f json -o /dev/null -q (user+sys)",
        bandit[0], bandit[1]);
    System.out.printf(Locale.ROOT, "ratio python-security engine / bandit, same files: CPU %.1fx (1 thread), wall %.1fx"
        + " (1 thread), wall %.1fx (%d threads)%n%n", bandit[1] / one[1], bandit[0] / one[0], bandit[0] / all[0],
        threads);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Median wall and CPU seconds: this process's CPU, or with {@code child} the reaped children's user+sys. */
  private static double[] medianWallCpu(int runs, Task task, boolean child) throws Exception {
    List<Double> walls = new ArrayList<>();
    List<Double> cpus = new ArrayList<>();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < runs; i++) {
      double c0 = child ? childrenCpu() : os.getProcessCpuTime() / 1e9;
      long t0 = System.nanoTime();
      task.run();
      walls.add((System.nanoTime() - t0) / 1e9);
      cpus.add((child ? childrenCpu() : os.getProcessCpuTime() / 1e9) - c0);
    }
    Collections.sort(walls);
    Collections.sort(cpus);
    return new double[] {walls.get(walls.size() / 2), cpus.get(cpus.size() / 2)};
  }

  /** cutime + cstime of /proc/self/stat (waited-for children), in seconds at 100 ticks per second. */
  private static double childrenCpu() throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
  }

  private interface Task {
    void run() throws Exception;
  }

  private static double median(int runs, Task task) throws Exception {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      task.run();
      times.add((System.nanoTime() - t0) / 1e9);
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  private static String row(String name, int files, long bytes, double seconds) {
    return String.format(Locale.ROOT, "%-42s %8d %10.2f %9.3f s %10.1f %10.0f", name, files, bytes / 1e6, seconds,
        bytes / 1e6 / seconds, files / seconds);
  }

  private static int scanPython(List<SourceFile> files) throws Exception {
    int n = 0;
    for (SourceFile f : files) {
      n += CodeRuleAnalyzer.analyze(f.path(), f.read(), Language.PYTHON).size();
    }
    return n;
  }

  private static int scanJs(List<SourceFile> files) throws Exception {
    int n = 0;
    for (SourceFile f : files) {
      n += CodeRuleAnalyzer.analyze(f.path(), f.read(), Language.JAVASCRIPT).size();
    }
    return n;
  }

  private static int scanSecrets(List<SourceFile> files) throws Exception {
    int n = 0;
    for (SourceFile f : files) {
      n += SecretScanner.scan(f.path(), f.read()).size();
    }
    return n;
  }

  private static void runProcess(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " ran past 10 minutes");
    }
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
