package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.staticanalyzer.engine.FileReport;
import dev.analyzer.staticanalyzer.engine.FileRole;
import dev.analyzer.staticanalyzer.engine.SyntaxEngine;
import dev.analyzer.staticanalyzer.engine.TemplateChecks;
import dev.analyzer.staticanalyzer.source.Language;
import dev.analyzer.staticanalyzer.source.SourceFile;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * {@code python-security} or {@code js-security}: the syntax engine over the tree's files of one
 * language. The result says how each file was read: {@code files_parsed}, {@code files_unparsed}
 * (lexer fallback), {@code files_vendored} (skipped, with up to 20 {@code vendored_files}),
 * {@code files_test}, {@code files_templates} (template files checked for unescaped output), and
 * {@code findings_suppressed}. Files may be scanned on several threads; the findings are in the tree's
 * file order either way. Stateless and thread-safe.
 */
public final class EngineTool implements StaticTool {

  private final String name;
  private final String group;
  private final String version;
  private final Language language;
  private final Executor files;
  private final int ahead;

  /** The engine over {@code language}'s files and that language's template files, one file at a time. */
  public EngineTool(String name, String group, String version, Language language) {
    this(name, group, version, language, null, 1);
  }

  /**
   * As {@link #EngineTool(String, String, String, Language)}, scanning files on {@code files}, a pool
   * of {@code threads} (null or 1 thread: on the calling thread), with at most twice that many files
   * of one run queued ahead (the pool stays busy, memory stays bounded); the findings are in file
   * order whatever the pool does.
   *
   * @throws IllegalArgumentException when {@code threads} is less than 1
   */
  public EngineTool(String name, String group, String version, Language language, Executor files, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("the engine needs at least 1 thread, got " + threads);
    }
    this.name = name;
    this.group = group;
    this.version = version;
    this.language = language;
    this.files = threads == 1 ? null : files;
    this.ahead = this.files == null ? 1 : threads * 2;
  }

  private boolean selects(SourceFile f) {
    if (f.language() == language) {
      return true;
    }
    return language == Language.PYTHON ? TemplateChecks.isPythonTemplate(f.path())
        : language == Language.JAVASCRIPT && TemplateChecks.isJsTemplate(f.path());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String group() {
    return group;
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public boolean appliesTo(SourceTree tree) {
    return tree.files().stream().anyMatch(this::selects);
  }

  @Override
  public ToolRun run(SourceTree tree, AnalysisContext ctx) {
    List<Finding> findings = new ArrayList<>();
    int scanned = 0;
    int unreadable = 0;
    int parsed = 0;
    int unparsed = 0;
    int tests = 0;
    int templates = 0;
    int suppressed = 0;
    List<String> vendored = new ArrayList<>();
    int vendoredCount = 0;
    Iterator<SourceFile> next = tree.files().stream().filter(this::selects).iterator();
    // files are scanned ahead on the pool, at most `ahead` at a time, and taken in tree order, so the
    // findings are those of a scan on one thread, in the same order
    Deque<CompletableFuture<Scanned>> window = new ArrayDeque<>();
    while (next.hasNext() || !window.isEmpty()) {
      if (ctx.isCancelled()) {
        window.forEach(w -> w.cancel(false));
        return ToolRun.failed(ToolStatus.CANCELLED, "analysis cancelled", Map.of("files_scanned", scanned));
      }
      while (next.hasNext() && window.size() < ahead) {
        SourceFile f = next.next();
        window.add(files == null ? CompletableFuture.completedFuture(scan(f))
            : CompletableFuture.supplyAsync(() -> scan(f), files));
      }
      Scanned s = take(window.poll());
      FileReport r = s.report();
      if (r == null) {
        unreadable++;
        continue;
      }
      SourceFile f = s.file();
      scanned++;
      findings.addAll(r.findings());
      suppressed += r.suppressed();
      if (r.role() == FileRole.TEST) {
        tests++;
      }
      switch (r.how()) {
        case PARSED:
          parsed++;
          break;
        case UNPARSED:
          unparsed++;
          break;
        case TEMPLATE:
          templates++;
          break;
        default:
          if (r.role() == FileRole.VENDORED) {
            vendoredCount++;
            if (vendored.size() < 20) {
              vendored.add(f.path());
            }
          }
      }
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("files_scanned", scanned);
    extra.put("files_unreadable", unreadable);
    extra.put("files_parsed", parsed);
    extra.put("files_unparsed", unparsed);
    extra.put("files_vendored", vendoredCount);
    extra.put("vendored_files", vendored);
    extra.put("files_test", tests);
    extra.put("files_templates", templates);
    extra.put("findings_suppressed", suppressed);
    extra.put("engine", "tree-sitter");
    return ToolRun.success(findings, extra);
  }

  /** One file's report, or a null report when the file could not be read. */
  private record Scanned(SourceFile file, FileReport report) {}

  private static Scanned scan(SourceFile f) {
    try {
      return new Scanned(f, SyntaxEngine.analyze(f.path(), f.read()));
    } catch (IOException e) {
      return new Scanned(f, null);
    }
  }

  private static Scanned take(CompletableFuture<Scanned> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
