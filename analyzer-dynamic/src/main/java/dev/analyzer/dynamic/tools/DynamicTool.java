package dev.analyzer.dynamic.tools;

import dev.analyzer.service.ToolInfo;
import dev.analyzer.service.process.ProcessRunner;

/**
 * An external scanner the dynamic service can run after its engine. Implementations are thread-safe.
 */
public interface DynamicTool {

  /** The name requests select it by ({@code wapiti}, {@code nmap}, {@code sqlmap}, {@code zap}). */
  String name();

  /** Detects the tool once at start; empty when it is not installed (or, for ZAP, not configured). */
  java.util.Optional<ToolInfo> detect(ProcessRunner runner);

  /** True when it runs only when a request names it (sqlmap); false when "all tools" includes it. */
  default boolean optIn() {
    return false;
  }

  /** Runs the tool; never throws for the tool's own failures (they are in the returned run). */
  ToolRun run(ToolRequest request) throws InterruptedException;
}
