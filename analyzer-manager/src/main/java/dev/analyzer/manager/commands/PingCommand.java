package dev.analyzer.manager.commands;

import dev.analyzer.client.AnalyzerClient;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.Pong;
import dev.analyzer.manager.Clients;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code analyzer ping <service>}: one ping, with its round-trip time. */
@Command(name = "ping", mixinStandardHelpOptions = true, description = "Ping a service; exit 3 if it does not answer.")
public final class PingCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SERVICE", description = "static, dynamic, performance or ai")
  String service;

  @Override
  public Integer call() throws Exception {
    ServiceSpec spec = ServiceSpec.named(service).orElseThrow(() -> new IllegalArgumentException(
        "unknown service '" + service + "': use static, dynamic, performance or ai"));
    try (AnalyzerClient client = Clients.create(new ServiceProcesses(Workspace.fromEnvironment()))) {
      long t0 = System.nanoTime();
      Message m = client.ping(spec.kind()).get();
      double ms = (System.nanoTime() - t0) / 1e6;
      if (m instanceof Pong) {
        System.out.printf("pong from %s in %.1f ms%n", ((Pong) m).service(), ms);
        return 0;
      }
      System.out.println("no pong: " + HealthCommand.describe(m));
      return 3;
    }
  }
}
