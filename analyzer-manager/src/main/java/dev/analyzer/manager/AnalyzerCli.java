package dev.analyzer.manager;

import dev.analyzer.manager.commands.AnalyzeCommand;
import dev.analyzer.manager.commands.BatchCommand;
import dev.analyzer.manager.commands.CleanCommand;
import dev.analyzer.manager.commands.DemoCommand;
import dev.analyzer.manager.commands.HealthCommand;
import dev.analyzer.manager.commands.PingCommand;
import dev.analyzer.manager.commands.QueueCommand;
import dev.analyzer.manager.commands.StartCommand;
import dev.analyzer.manager.commands.StatusCommand;
import dev.analyzer.manager.commands.StopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code analyzer}: start and stop the analyzer services as processes, check them, analyze apps
 * (one, a batch, or the bundled demo), and write reports. Exit codes: 0 done, 1 findings at or above
 * {@code --fail-on}, 2 usage error, 3 a service failed ({@link ExitCodes}).
 */
@Command(name = "analyzer", mixinStandardHelpOptions = true, version = "analyzer 0.1.0",
    description = "Runs and coordinates the analyzer services, analyzes web apps, writes reports.",
    subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class, HealthCommand.class, PingCommand.class,
        AnalyzeCommand.class, BatchCommand.class, DemoCommand.class, CleanCommand.class, QueueCommand.class})
public final class AnalyzerCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (for tests). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new AnalyzerCli());
    cli.setExitCodeExceptionMapper(e ->
        e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.SERVICE_FAILED);
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      for (String line : String.valueOf(ex.getMessage()).split("\n")) {
        cmd.getErr().println("error: " + line);
      }
      return ex instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.SERVICE_FAILED;
    });
    return cli.execute(args);
  }
}
