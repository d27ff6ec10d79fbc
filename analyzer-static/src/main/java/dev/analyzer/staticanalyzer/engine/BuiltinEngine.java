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

/**
 * The public entry for benchmarks and tools: runs the built-in engine ({@code python-security},
 * {@code js-security}, optionally {@code secrets}) over a directory, without the service.
 * Thread-safe; each call walks and reads the directory itself.
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
    return scanDirectory(dir, false);
  }

  /**
   * Scans {@code dir}; with {@code withSecrets} the secrets scanner runs over every text file too.
   *
   * @throws IOException when {@code dir} is not a readable directory
   */
  public static Result scanDirectory(Path dir, boolean withSecrets) throws IOException {
    SourceTree tree = SourceTree.walk(dir, 2L * 1024 * 1024, 200_000);
    List<Finding> out = new ArrayList<>();
    int files = 0;
    long bytes = 0;
    int parsed = 0;
    int unparsed = 0;
    int vendored = 0;
    int suppressed = 0;
    for (SourceFile f : tree.files()) {
      boolean code = f.language() == Language.PYTHON || f.language() == Language.JAVASCRIPT;
      if (!code && !withSecrets) {
        continue;
      }
      String text = f.read();
      if (withSecrets) {
        out.addAll(SecretScanner.scan(f.path(), text));
      }
      if (!code) {
        continue;
      }
      files++;
      bytes += f.size();
      FileReport r = SyntaxEngine.analyze(f.path(), text);
      out.addAll(r.findings());
      suppressed += r.suppressed();
      switch (r.how()) {
        case PARSED:
          parsed++;
          break;
        case UNPARSED:
          unparsed++;
          break;
        default:
          vendored += r.role() == FileRole.VENDORED ? 1 : 0;
      }
    }
    return new Result(out, files, bytes, parsed, unparsed, vendored, suppressed);
  }
}
