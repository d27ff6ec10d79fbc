package dev.analyzer.service.testing;

import dev.analyzer.service.ServiceLauncher;

/** {@code java -cp ... ScriptedServiceMain [--host H] [--port P]}: the scripted service as a process. */
public final class ScriptedServiceMain {

  private ScriptedServiceMain() {}

  public static void main(String[] args) {
    ServiceLauncher.run(ScriptedService::new, args);
  }
}
