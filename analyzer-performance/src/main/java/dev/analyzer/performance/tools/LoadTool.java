package dev.analyzer.performance.tools;

/**
 * A load tester the service can run against one URL: the built-in generator or an adapter for an
 * installed tool. Implementations are thread-safe (several analyses at once).
 */
public interface LoadTool {

  /** The tool name in requests and results ({@code builtin}, {@code wrk}, {@code ab}, ...). */
  String name();

  /** True when it can run on this machine. */
  boolean available();

  /** Its version, or {@code null}. */
  String version();

  /**
   * Runs {@code job} and reports; never throws for the tool's own failures (they are an error
   * record). Returns early when the analysis is cancelled.
   */
  ToolRecord run(LoadJob job) throws InterruptedException;
}
