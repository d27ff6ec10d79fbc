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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code python-security} or {@code js-security}: the syntax engine over the tree's files of one
 * language. The result says how each file was read: {@code files_parsed}, {@code files_unparsed}
 * (lexer fallback), {@code files_vendored} (skipped, with up to 20 {@code vendored_files}),
 * {@code files_test}, {@code files_templates} (template files checked for unescaped output), and
 * {@code findings_suppressed}. Stateless and thread-safe.
 */
public final class EngineTool implements StaticTool {

  private final String name;
  private final String group;
  private final String version;
  private final Language language;

  /** The engine over {@code language}'s files and that language's template files. */
  public EngineTool(String name, String group, String version, Language language) {
    this.name = name;
    this.group = group;
    this.version = version;
    this.language = language;
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
    for (SourceFile f : tree.files()) {
      if (!selects(f)) {
        continue;
      }
      if (ctx.isCancelled()) {
        return ToolRun.failed(ToolStatus.CANCELLED, "analysis cancelled", Map.of("files_scanned", scanned));
      }
      FileReport r;
      try {
        r = SyntaxEngine.analyze(f.path(), f.read());
      } catch (IOException e) {
        unreadable++;
        continue;
      }
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
}
