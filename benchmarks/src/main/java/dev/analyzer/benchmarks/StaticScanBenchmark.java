package dev.analyzer.benchmarks;

import dev.analyzer.staticanalyzer.rules.CodeRuleAnalyzer;
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
 * Static scan throughput: the built-in analyzers over a generated corpus (in-process, one thread),
 * and Debian's bandit over the Python part of the same corpus, side by side. Prints medians of
 * several runs; numbers, not pass/fail. Usage: {@code java -jar benchmarks.jar [pyFiles jsFiles runs]}.
 */
public final class StaticScanBenchmark {

  private StaticScanBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pyFiles = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int jsFiles = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
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
    rows.add(row("built-in python-security", py.size(), pyBytes, pyBuiltin));
    rows.add(row("built-in js-security", js.size(), jsBytes, jsBuiltin));
    rows.add(row("built-in secrets (all files)", tree.files().size(), bytes, secrets));
    rows.add(row("built-in all three", tree.files().size(), bytes, pyBuiltin + jsBuiltin + secrets));
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
      System.out.printf(Locale.ROOT, "%nratio python-security / bandit (same files, wall time): %.1fx faster%n",
          bandit / pyBuiltin);
    } else {
      System.out.println("\nbandit not installed: run scripts/install-tools.sh for the side-by-side figure");
    }
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
