package dev.analyzer.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a graceful drain followed by exit code 0 (a plain JVM shutdown hook
 * would exit 143). Uses {@code sun.misc.Signal} where the JVM offers it, else only the shutdown hook
 * the launcher also installs applies. The signal arms the watchdog first, and the JVM exits even
 * when the drain throws, so a signal always ends the process.
 */
final class Signals {

  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  @SuppressWarnings("restriction")
  static void onTermination(Runnable drain, ShutdownWatchdog watchdog) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
          LOG.info("SIG{} received: draining", name);
          watchdog.arm();
          Thread t = new Thread(() -> {
            try {
              drain.run();
            } catch (Throwable e) {
              LOG.error("drain after SIG{} failed", name, e);
            } finally {
              System.exit(0);
            }
          }, "drain-on-SIG" + name);
          t.start();
        });
      } catch (Throwable unsupported) {
        LOG.debug("cannot handle SIG{}: {}", name, unsupported.toString());
      }
    }
  }
}
