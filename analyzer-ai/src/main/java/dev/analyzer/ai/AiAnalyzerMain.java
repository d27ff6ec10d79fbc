package dev.analyzer.ai;

import dev.analyzer.service.ServiceLauncher;

/** {@code java -jar analyzer-ai.jar [--host H] [--port P]}. */
public final class AiAnalyzerMain {

  private AiAnalyzerMain() {}

  public static void main(String[] args) {
    ServiceLauncher.run(AiAnalyzerService::fromEnvironment, args);
  }
}
