package dev.analyzer.manager;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.client.AnalyzerClientBuilder;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.io.IOException;

/**
 * The CLI's one {@link AnalyzerClient}: settings from the environment, and for each service the CLI
 * started itself (run/<service>.pid) that process's URL unless {@code *_URLS} names replicas.
 */
public final class Clients {

  private Clients() {}

  public static AnalyzerClient create(ServiceProcesses processes) throws IOException {
    AnalyzerClientBuilder b = AnalyzerClient.builder();
    for (ServiceSpec spec : ServiceSpec.ALL) {
      if (System.getenv(spec.urlVariable()) == null) {
        var running = processes.running(spec);
        if (running.isPresent()) {
          b.withReplicas(spec.kind(), running.get().url());
        }
      }
    }
    return b.build();
  }
}
