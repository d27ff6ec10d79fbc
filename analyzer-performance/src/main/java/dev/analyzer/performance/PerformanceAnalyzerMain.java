package dev.analyzer.performance;

import dev.analyzer.service.ServiceLauncher;

/** {@code java -jar analyzer-performance.jar [--host H] [--port P]}. */
public final class PerformanceAnalyzerMain {

  private PerformanceAnalyzerMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.run(PerformanceAnalyzerService::fromEnvironment, args);
  }
}
