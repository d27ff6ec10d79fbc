package dev.analyzer.staticanalyzer.engine;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.staticanalyzer.secrets.SecretScanner;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceFile;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The public entry for benchmarks and tools: runs the built-in engine ({@code python-security},
 * {@code js-security}, optionally {@code secrets}) over a directory, without the service.
 * Thread-safe; each call walks and reads the directory itself and
 * runs files on its own short-lived pool.
 */
public final class BuiltinEngine {

  /**
   * What a directory scan produced.
   *
   * @param findings every finding, per file in walk order
   * @param files Python and JavaScript/TypeScript files read
   * @param bytes their total size
   * @param parsed files the tree-sitter engine analysed
   * @param unparsed files that fell back to the lexer rules
   * @param vendored vendored or minified files skipped
   * @param suppressed findings removed by suppression comments
   */
  public record Result(List<Finding> findings, int files, long bytes, int parsed, int unparsed, int vendored,
      int suppressed) {

    public Result {
      findings = List.copyOf(findings);
    }
  }

  private BuiltinEngine() {}

  /** Scans the Python and JavaScript/TypeScript files under {@code dir} (files over 2 MiB skipped). */
  public static Result scanDirectory(Path dir) throws IOException {
    return scanDirectory(dir, false, defaultThreads());
  }

  /** One worker per core, at most 8. */
  public static int defaultThreads() {
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Scans {@code dir} with {@code threads} workers (files are independent; results keep walk order);
   * with {@code withSecrets} the secrets scanner runs over every text file too.
   *
   * @throws IOException when {@code dir} is not a readable directory
   */
  public static Result scanDirectory(Path dir, boolean withSecrets, int threads) throws IOException {
    SourceTree tree = SourceTree.walk(dir, 2L * 1024 * 1024, 200_000);
    List<SourceFile> files = new ArrayList<>();
    for (SourceFile f : tree.files()) {
      boolean code = f.language() == Language.PYTHON || f.language() == Language.JAVASCRIPT;
      if (code || withSecrets) {
        files.add(f);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "builtin-engine");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Scanned>> futures = new ArrayList<>();
      for (SourceFile f : files) {
        futures.add(pool.submit(() -> scan(f, withSecrets)));
      }
      List<Finding> out = new ArrayList<>();
      int count = 0;
      long bytes = 0;
      int parsed = 0;
      int unparsed = 0;
      int vendored = 0;
      int suppressed = 0;
      for (Future<Scanned> fu : futures) {
        Scanned s = join(fu);
        out.addAll(s.findings());
        if (s.report() == null) {
          continue;
        }
        count++;
        bytes += s.size();
        suppressed += s.report().suppressed();
        switch (s.report().how()) {
          case PARSED:
            parsed++;
            break;
          case UNPARSED:
            unparsed++;
            break;
          default:
            vendored += s.report().role() == FileRole.VENDORED ? 1 : 0;
        }
      }
      return new Result(out, count, bytes, parsed, unparsed, vendored, suppressed);
    } finally {
      pool.shutdownNow();
    }
  }

  private record Scanned(List<Finding> findings, FileReport report, long size) {}

  private static Scanned scan(SourceFile f, boolean withSecrets) throws IOException {
    String text = f.read();
    List<Finding> out = new ArrayList<>();
    if (withSecrets) {
      out.addAll(SecretScanner.scan(f.path(), text));
    }
    if (f.language() != Language.PYTHON && f.language() != Language.JAVASCRIPT) {
      return new Scanned(out, null, f.size());
    }
    FileReport r = SyntaxEngine.analyze(f.path(), text);
    out.addAll(r.findings());
    return new Scanned(out, r, f.size());
  }

  private static Scanned join(Future<Scanned> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("scan interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("scan failed: " + e.getCause(), e.getCause());
    }
  }
}
