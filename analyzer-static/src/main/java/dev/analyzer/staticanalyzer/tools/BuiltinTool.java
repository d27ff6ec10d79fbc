package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.core.findings.Finding;
import dev.analyzer.core.protocol.ToolStatus;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.staticanalyzer.source.SourceFile;
import dev.analyzer.staticanalyzer.source.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A pure-Java analyzer over the files it selects: reads each, applies a scanner, stops between files
 * when the analysis is cancelled. Thread-safe.
 */
public final class BuiltinTool implements StaticTool {

  /** Scans one file. */
  @FunctionalInterface
  public interface FileScanner {
    List<Finding> scan(SourceFile file, String text);
  }

  private final String name;
  private final String group;
  private final String version;
  private final Predicate<SourceFile> selects;
  private final FileScanner scanner;

  public BuiltinTool(String name, String group, String version, Predicate<SourceFile> selects, FileScanner scanner) {
    this.name = name;
    this.group = group;
    this.version = version;
    this.selects = selects;
    this.scanner = scanner;
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
    return tree.files().stream().anyMatch(selects);
  }

  @Override
  public ToolRun run(SourceTree tree, AnalysisContext ctx) {
    List<Finding> findings = new ArrayList<>();
    int scanned = 0;
    int unreadable = 0;
    for (SourceFile f : tree.files()) {
      if (!selects.test(f)) {
        continue;
      }
      if (ctx.isCancelled()) {
        return ToolRun.failed(ToolStatus.CANCELLED, "analysis cancelled", Map.of("files_scanned", scanned));
      }
      try {
        findings.addAll(scanner.scan(f, f.read()));
        scanned++;
      } catch (IOException e) {
        unreadable++;
      }
    }
    return ToolRun.success(findings, Map.of("files_scanned", scanned, "files_unreadable", unreadable));
  }
}
