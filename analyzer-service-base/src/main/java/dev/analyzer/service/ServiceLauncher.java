package dev.analyzer.service;

import dev.analyzer.core.settings.EnvReader;
import dev.analyzer.core.settings.Environment;
import dev.analyzer.core.settings.SettingsException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code main} of a service jar: {@code java -jar analyzer-<name>.jar [--host H] [--port P]}.
 * Settings come from the environment ({@link ServiceSettings}); the options override
 * {@code WEBSOCKET_HOST} and {@code WEBSOCKET_PORT}, {@code --queue URL} overrides
 * {@code ANALYZER_QUEUE_URL} (queue mode, {@link QueueModeSettings}). SIGTERM and SIGINT drain the server
 * ({@link AnalyzerServer#shutdown}) and exit 0.
 *
 * <p>Exit codes: 0 after a clean shutdown, 1 when the port cannot be bound, 2 for a bad option or
 * setting (the message names it).
 *
 * <p>Logging: when logback is on the classpath and {@code logback.configurationFile} is not set,
 * the bundled configuration is used: one line per event on stdout, or JSON lines when
 * {@code ANALYZER_LOG_FORMAT=json}; level from {@code ANALYZER_LOG_LEVEL} (default INFO). The
 * service is created through the supplier after that is set up, so its loggers see it.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the analyzer service on one port: WebSocket analyses, GET /health, GET /ready, GET /metrics.")
public final class ServiceLauncher implements Callable<Integer> {

  public static final String LOG_FORMAT = "ANALYZER_LOG_FORMAT";
  static final String LOGBACK_CONFIG = "dev/analyzer/service/analyzer-logback.xml";

  @Option(names = "--host", paramLabel = "HOST",
      description = "Interface to bind (default: $WEBSOCKET_HOST or 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Port to listen on, 0 for any free port (default: $WEBSOCKET_PORT or the service's port).")
  Integer port;

  @Option(names = "--queue", paramLabel = "URL",
      description = "Also take analyses from NATS JetStream at URL, nats://host:port (default: $ANALYZER_QUEUE_URL; "
          + "unset: WebSocket only).")
  String queue;

  private final Supplier<AnalyzerService> factory;
  private final Environment env;
  private volatile AnalyzerServer server;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ServiceLauncher(Supplier<AnalyzerService> factory, Environment env) {
    this.factory = factory;
    this.env = env;
  }

  /**
   * Runs the service until SIGTERM/SIGINT, then exits the JVM with the exit code (see class comment).
   * Call it from {@code main} as {@code ServiceLauncher.run(MyService::new, args)}.
   */
  public static void run(Supplier<AnalyzerService> factory, String[] args) {
    System.exit(execute(factory, args, Environment.system()));
  }

  /** Parses {@code args}, runs until stopped, and returns the exit code without exiting. */
  static int execute(Supplier<AnalyzerService> factory, String[] args, Environment env) {
    try {
      String format = new EnvReader(env).oneOf(LOG_FORMAT, "text", "text", "json");
      configureLogging(format);
    } catch (SettingsException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    ServiceLauncher launcher = new ServiceLauncher(factory, env);
    CommandLine cli = new CommandLine(launcher).setCommandName("analyzer-service");
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("error: " + ex.getMessage());
      return ex instanceof SettingsException || ex instanceof IllegalArgumentException ? 2 : 1;
    });
    cli.setErr(new PrintWriter(System.err, true));
    return cli.execute(args);
  }

  /** Starts the server with the parsed options; exposed for {@link #call()} and tests. */
  AnalyzerServer startServer() {
    AnalyzerService service = factory.get();
    ServiceSettings settings = ServiceSettings.fromEnvironment(env, service.defaultPort());
    if (host != null) {
      settings = settings.withHost(host);
    }
    if (port != null) {
      settings = settings.withPort(port);
    }
    QueueModeSettings queueMode = QueueModeSettings.fromEnvironment(env, queue).orElse(null);
    return AnalyzerServer.builder(service).withSettings(settings).withQueue(queueMode).build().start();
  }

  @Override
  public Integer call() throws Exception {
    server = startServer();
    // The shutdown path uses the settings read at start: the environment (or a source root) may
    // have changed since, and nothing on this path may throw.
    java.time.Duration grace = server.settings().shutdownGrace();
    ShutdownWatchdog watchdog = new ShutdownWatchdog(grace);
    Runnable drain = () -> {
      try {
        server.shutdown(server.isDraining() ? java.time.Duration.ZERO : grace);
      } catch (Throwable e) {
        LoggerFactory.getLogger(ServiceLauncher.class).error("shutdown failed", e);
      } finally {
        stopped.countDown();
      }
    };
    Signals.onTermination(drain, watchdog);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      watchdog.arm();
      drain.run();
    }, "shutdown-hook"));
    System.out.println("READY " + server.webSocketUrl());
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static void configureLogging(String format) {
    if (System.getProperty("logback.configurationFile") == null
        && ServiceLauncher.class.getClassLoader().getResource(LOGBACK_CONFIG) != null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    System.setProperty(LOG_FORMAT, format);
    LoggerFactory.getLogger(ServiceLauncher.class).debug("log format {}", format);
  }
}
