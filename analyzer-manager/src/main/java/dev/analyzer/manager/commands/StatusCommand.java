package dev.analyzer.manager.commands;

import dev.analyzer.core.protocol.HealthResponse;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import dev.analyzer.manager.text.TextTable;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code analyzer status}: per service: built, process, port, health, analyses in flight; columns aligned. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show each service's process, port and health.")
public final class StatusCommand implements Callable<Integer> {

  @Override
  public Integer call() throws IOException {
    Workspace ws = Workspace.fromEnvironment();
    ServiceProcesses processes = new ServiceProcesses(ws);
    TextTable table = new TextTable("service", "state", "pid", "port", "health", "in flight");
    for (ServiceSpec spec : ServiceSpec.ALL) {
      Optional<ServiceProcesses.Running> r = processes.running(spec);
      if (r.isEmpty()) {
        String state = spec.built(ws.home()) ? "stopped" : spec.moduleExists(ws.home()) ? "not built" : "not in checkout";
        table.row(spec.name(), state, "-", "-", "-", "-");
        continue;
      }
      String health = "down";
      String inFlight = "-";
      var resp = processes.health(r.get());
      if (resp.isPresent()) {
        try {
          Message m = ProtocolCodec.create().decode(resp.get().body());
          if (m instanceof HealthResponse h) {
            health = h.status();
            inFlight = String.valueOf(h.analysesInFlight());
          }
        } catch (RuntimeException e) {
          health = "bad reply";
        }
      }
      table.row(spec.name(), health.equals("healthy") ? "ready" : "running", r.get().pid(), r.get().port(), health, inFlight);
    }
    table.print(System.out);
    return 0;
  }
}
