package dev.analyzer.dynamic;

import dev.analyzer.dynamic.scan.ScanListener;
import dev.analyzer.service.AnalysisContext;
import java.util.Map;

/**
 * Streams the engine's phases as in-band {@code progress_update} frames (stage = phase, with counts
 * and an overall percentage), and ties the scan to the analysis: cancel or deadline closes the scan's
 * HTTP session at once. Thread-safe.
 */
final class ProgressBridge implements ScanListener {

  private static final Map<String, double[]> RANGES = Map.of("connectivity", new double[] {0, 5},
      "crawl", new double[] {5, 25}, "passive", new double[] {25, 30}, "exposure", new double[] {30, 40},
      "active", new double[] {40, 75}, "ports", new double[] {75, 80}, "endpoints", new double[] {80, 82});

  private final AnalysisContext ctx;

  ProgressBridge(AnalysisContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void progress(String phase, String message, Integer done, Integer total) {
    double[] r = RANGES.getOrDefault(phase, new double[] {0, 0});
    double pct = done != null && total != null && total > 0 ? r[0] + (r[1] - r[0]) * Math.min(1.0, done / (double) total)
        : r[0];
    ctx.progress(phase, message, pct, done, total);
  }

  @Override
  public boolean cancelled() {
    return ctx.isCancelled();
  }

  @Override
  public void started(AutoCloseable abort) {
    ctx.onCancel(() -> {
      try {
        abort.close();
      } catch (Exception e) {
        // closing a session does not fail; nothing to add
      }
    });
  }
}
