package dev.analyzer.manager.commands;

import dev.analyzer.manager.ExitCodes;
import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.services.ServiceEnvironment;
import dev.analyzer.manager.services.ServiceProcesses;
import dev.analyzer.manager.services.ServiceSpec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code analyzer start [services…]}: each service jar as its own process, waited for until ready. */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start services (default: all that are built) as their own processes and wait until ready.")
public final class StartCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "static, dynamic, performance, ai (default: all built)")
  List<String> services;

  @Option(names = "--any-port", description = "Listen on free ports instead of 2001..2004.")
  boolean anyPort;

  @Override
  public Integer call() throws IOException {
    Workspace ws = Workspace.fromEnvironment();
    ServiceProcesses processes = new ServiceProcesses(ws);
    int code = ExitCodes.OK;
    for (ServiceSpec spec : Selection.services(services)) {
      if (!spec.built(ws.home())) {
        System.out.printf("%-12s %s%n", spec.name(),
            dev.analyzer.manager.services.Availability.notBuiltReason(spec, ws));
        if (services != null && !services.isEmpty()) {
          code = ExitCodes.SERVICE_FAILED;
        }
        continue;
      }
      try {
        ServiceProcesses.Running r = processes.start(spec, anyPort, ServiceEnvironment.of(ws, System.getenv()));
        System.out.printf("%-12s ready at %s (pid %d, log logs/%s.log)%n", spec.name(), r.url(), r.pid(), spec.name());
      } catch (IOException e) {
        System.out.printf("%-12s failed to start: %s%n", spec.name(), e.getMessage());
        code = ExitCodes.SERVICE_FAILED;
      }
    }
    return code;
  }
}
