package dev.analyzer.staticanalyzer.tools;

import dev.analyzer.service.AnalysisContext;
import dev.analyzer.staticanalyzer.source.SourceTree;

/**
 * One analyzer the static service runs: a built-in one (always available) or an external program
 * (available when installed). Implementations are stateless and thread-safe; several analyses run
 * the same tool at once.
 */
public interface StaticTool {

  /** The tool name in requests ({@code tools}), results and available_tools. */
  String name();

  /** The results group it files under: python, javascript, shell or structure. */
  String group();

  /** True when the tool can run on this machine. */
  boolean available();

  /** The tool's version for SARIF and results, or null. */
  String version();

  /** True when the tree holds files this tool reads; otherwise the result is {@code no_files}. */
  boolean appliesTo(SourceTree tree);

  /**
   * True when running the tool may execute code of the analysed app (pylint imports modules); such
   * a tool runs only in the sandbox unless {@code ANALYZER_TOOL_SANDBOX=off}.
   */
  default boolean importsAnalysedCode() {
    return false;
  }

  /** Runs the tool; its failures are reported in the returned run, not thrown. */
  ToolRun run(SourceTree tree, AnalysisContext ctx);
}
