package dev.analyzer.service.testing;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.AnalyzerService;
import dev.analyzer.service.ServiceLauncher;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.ProcessSpec;
import dev.analyzer.service.process.ToolDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code java -cp ... DaemonServiceMain}: a service owning a daemon (a process tree whose pids go
 * to {@code $DAEMON_PID_FILE}), started on first use by tool detection.
 */
public final class DaemonServiceMain implements AnalyzerService {

  private final ToolDaemon daemon = ToolDaemon.builder("tree",
      ProcessSpec.of(Pids.treeCommand(Path.of(System.getenv("DAEMON_PID_FILE")))))
      .withHealthProbe(dev.analyzer.service.process.HealthProbe.PROCESS_ALIVE, Duration.ofMillis(100)).build();

  public static void main(String[] args) {
    ServiceLauncher.run(DaemonServiceMain::new, args);
  }

  @Override
  public String name() {
    return "daemon-service";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public AnalysisKind kind() {
    return AnalysisKind.STATIC;
  }

  @Override
  public List<ToolDaemon> daemons() {
    return List.of(daemon);
  }

  @Override
  public List<String> detectTools(ProcessRunner runner) {
    try {
      daemon.ensureRunning();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of("tree");
  }

  @Override
  public AnalysisOutcome analyze(AnalysisContext context) {
    return AnalysisOutcome.error("not used");
  }
}
