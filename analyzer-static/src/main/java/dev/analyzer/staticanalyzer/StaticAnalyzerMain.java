package dev.analyzer.staticanalyzer;

import dev.analyzer.service.ServiceLauncher;

/** {@code java -jar analyzer-static.jar [--host H] [--port P]}. */
public final class StaticAnalyzerMain {

  private StaticAnalyzerMain() {}

  public static void main(String[] args) {
    ServiceLauncher.run(StaticAnalyzerService::fromEnvironment, args);
  }
}
