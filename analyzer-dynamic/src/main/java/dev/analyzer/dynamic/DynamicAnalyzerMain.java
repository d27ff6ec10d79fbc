package dev.analyzer.dynamic;

import dev.analyzer.service.ServiceLauncher;

/** {@code java -jar analyzer-dynamic.jar [--host H] [--port P]} (default port 2002). */
public final class DynamicAnalyzerMain {

  private DynamicAnalyzerMain() {}

  public static void main(String[] args) {
    ServiceLauncher.run(DynamicAnalyzerService::fromEnvironment, args);
  }
}
