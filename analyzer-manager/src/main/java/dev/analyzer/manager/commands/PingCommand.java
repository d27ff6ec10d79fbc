package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.services.Availability;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code analyzer ping <service>}: one ping, with its round-trip time; a service that is not built says so. */
@Command(name = "ping", mixinStandardHelpOptions = true, description = "Ping a service; exit 3 if it does not answer.")
public final class PingCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SERVICE", description = "static, dynamic, performance or ai")
  String service;

  @Override
  public Integer call() throws Exception {
    ServiceSpec spec = ServiceSpec.named(service).orElseThrow(() -> new IllegalArgumentException(
        "unknown service '" + service + "': use static, dynamic, performance or ai"));
    Workspace ws = Workspace.fromEnvironment();
    ServiceProcesses processes = new ServiceProcesses(ws);
    Availability where = Availability.of(spec, ws, processes, System.getenv());
    if (where.where() == Availability.Where.NOT_BUILT) {
      System.out.println(spec.name() + ": " + where.notBuiltReason(ws));
      return ExitCodes.SERVICE_FAILED;
    }
    try (AnalyzerClient client = Clients.create(processes)) {
      long t0 = System.nanoTime();
      Message m = client.ping(spec.kind()).get();
      double ms = (System.nanoTime() - t0) / 1e6;
      if (m instanceof Pong p) {
        System.out.printf(java.util.Locale.ROOT, "pong from %s in %.1f ms%n", p.service(), ms);
        return ExitCodes.OK;
      }
      System.out.println(spec.name() + ": " + where.notRunningReason() + " (" + HealthCommand.describe(m) + ")");
      return ExitCodes.SERVICE_FAILED;
    }
  }
}
