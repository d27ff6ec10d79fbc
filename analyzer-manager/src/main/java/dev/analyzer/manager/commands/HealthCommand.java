package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code analyzer health [services…]}: health_check over WebSocket; exit 3 when one is not healthy. */
@Command(name = "health", mixinStandardHelpOptions = true,
    description = "Ask every replica of the services for its health; exit 3 if any is unhealthy.")
public final class HealthCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "default: every built service")
  List<String> services;

  @Override
  public Integer call() throws Exception {
    Workspace ws = Workspace.fromEnvironment();
    boolean allHealthy = true;
    try (AnalyzerClient client = Clients.create(new ServiceProcesses(ws))) {
      for (ServiceSpec spec : Selection.services(services)) {
        if (!spec.built(ws.home()) && System.getenv(spec.urlVariable()) == null) {
          if (services != null && !services.isEmpty()) {
            System.out.printf("%-12s %s%n", spec.name(), dev.analyzer.manager.services.Availability.notBuiltReason(spec, ws));
            allHealthy = false;
          }
          continue;
        }
        for (Map.Entry<URI, CompletableFuture<Message>> e : client.healthOfReplicas(spec.kind()).entrySet()) {
          Message m = e.getValue().get();
          boolean ok = m instanceof HealthResponse && ((HealthResponse) m).isHealthy();
          allHealthy &= ok;
          System.out.printf("%-12s %-28s %s%n", spec.name(), e.getKey(), ok ? "healthy (tools: "
              + String.join(", ", ((HealthResponse) m).availableTools()) + ")" : "UNHEALTHY: " + describe(m));
        }
      }
    }
    return allHealthy ? 0 : 3;
  }

  static String describe(Message m) {
    if (m instanceof HealthResponse) {
      return ((HealthResponse) m).status();
    }
    Object err = m.extra().get("error");
    return err != null ? err.toString() : m.toString();
  }
}
