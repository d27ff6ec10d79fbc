package dev.analyzer.dynamic.scan;

/**
 * What a running scan tells its caller. Called from the scan's threads; implementations must be
 * thread-safe and must not block.
 */
public interface ScanListener {

  /** A listener that ignores everything. */
  ScanListener NONE = new ScanListener() {};

  /**
   * Progress of a phase ({@code connectivity}, {@code crawl}, {@code passive}, {@code exposure},
   * {@code active}, {@code ports}, {@code endpoints}); {@code done}/{@code total} may be null.
   */
  default void progress(String phase, String message, Integer done, Integer total) {}

  /** True when the scan should stop as soon as it can (checked between steps). */
  default boolean cancelled() {
    return false;
  }

  /** Called once the scan's HTTP session is open; closing {@code abort} fails every request in flight. */
  default void started(AutoCloseable abort) {}
}
