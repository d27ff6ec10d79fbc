package dev.analyzer.manager.commands;

import dev.analyzer.manager.Workspace;
import dev.analyzer.manager.app.AppLaunch;
import dev.analyzer.manager.app.AppProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * An app the CLI started for one command, stopped on {@link #close()} and by a shutdown hook, so that
 * Ctrl-C (SIGINT or SIGTERM) does not leave it running. Not thread-safe; one per command.
 */
final class RunningApp implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(30);

  private final AppProcess app;
  private final Thread hook;

  private RunningApp(AppProcess app) {
    this.app = app;
    this.hook = new Thread(app::close, "stop-app");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  static RunningApp start(AppLaunch launch, Workspace ws, Console console) throws IOException {
    console.say("app: starting " + String.join(" ", launch.command()) + " in " + launch.dir().toAbsolutePath().normalize());
    AppProcess p = AppProcess.launch(launch.command(), launch.dir(), launch.port(), ws.logs().resolve("app.log"), Map.of());
    RunningApp running = new RunningApp(p);
    try {
      p.awaitReady(READY);
    } catch (IOException | RuntimeException e) {
      running.close();
      throw e;
    }
    console.say("app: answering at " + p.url() + " (pid " + p.pid() + ", log " + p.log() + ")");
    return running;
  }

  AppProcess app() {
    return app;
  }

  @Override
  public void close() {
    app.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook stops the app
    }
  }
}
