package dev.analyzer.manager.commands;

import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code analyzer status}: per service: built, process, port, health, analyses in flight. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show each service's process, port and health.")
public final class StatusCommand implements Callable<Integer> {

  @Override
  public Integer call() throws IOException {
    Workspace ws = Workspace.fromEnvironment();
    ServiceProcesses processes = new ServiceProcesses(ws);
    System.out.printf("%-12s %-10s %-8s %-6s %-9s %s%n", "service", "state", "pid", "port", "health", "in flight");
    for (ServiceSpec spec : ServiceSpec.ALL) {
      Optional<ServiceProcesses.Running> r = processes.running(spec);
      if (r.isEmpty()) {
        String state = spec.built(ws.home()) ? "stopped" : spec.moduleExists(ws.home()) ? "not built" : "not built yet";
        System.out.printf("%-12s %-10s %-8s %-6s %-9s %s%n", spec.name(), state, "-", "-", "-", "-");
        continue;
      }
      String health = "down";
      String inFlight = "-";
      var resp = processes.health(r.get());
      if (resp.isPresent()) {
        try {
          Message m = ProtocolCodec.create().decode(resp.get().body());
          if (m instanceof HealthResponse) {
            health = ((HealthResponse) m).status();
            inFlight = String.valueOf(((HealthResponse) m).analysesInFlight());
          }
        } catch (RuntimeException e) {
          health = "bad reply";
        }
      }
      System.out.printf("%-12s %-10s %-8d %-6d %-9s %s%n", spec.name(), health.equals("healthy") ? "ready" : "running",
          r.get().pid(), r.get().port(), health, inFlight);
    }
    return 0;
  }
}
