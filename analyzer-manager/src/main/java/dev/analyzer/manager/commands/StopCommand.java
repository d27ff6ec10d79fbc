package dev.analyzer.manager.commands;

import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code analyzer stop [services…]}: SIGTERM (the service drains its analyses), then kill after 40 s. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop services started with 'analyzer start'.")
public final class StopCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "default: all")
  List<String> services;

  @Override
  public Integer call() throws IOException {
    ServiceProcesses processes = new ServiceProcesses(Workspace.fromEnvironment());
    for (ServiceSpec spec : Selection.services(services)) {
      boolean stopped = processes.stop(spec);
      System.out.printf("%-12s %s%n", spec.name(), stopped ? "stopped" : "not running");
    }
    return 0;
  }
}
