package dev.analyzer.manager.commands;

import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.queue.QueueConnection;
import io.nats.client.Dispatcher;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress of a queued batch's analyses: one subscription on {@code <prefix>.progress.*} for
 * all of them (not a dispatcher per request), printing an analysis when it first reports and at
 * each quarter, so that a batch of hundreds stays readable. Progress is core NATS, best effort: a
 * frame sent while the batch is not running is not seen. Thread-safe (frames arrive on the
 * dispatcher's thread).
 */
final class BatchProgress {

  private final Map<String, String> names;
  private final PrintStream out;
  private final Map<String, Integer> shown = new ConcurrentHashMap<>();

  private BatchProgress(Map<String, String> names, PrintStream out) {
    this.names = Map.copyOf(names);
    this.out = out;
  }

  /**
   * Listens until the returned dispatcher is closed ({@code connection.nats().closeDispatcher}).
   *
   * @param names per request id of the batch, how to name it in a line ({@code #3 m/app3 static})
   */
  static Dispatcher listen(QueueConnection connection, Map<String, String> names, PrintStream out) {
    BatchProgress p = new BatchProgress(names, out);
    String prefix = connection.names().prefix() + ".progress.";
    Dispatcher d = connection.nats().createDispatcher(m -> {
      try {
        Message frame = connection.codec().decode(m.getData());
        if (frame instanceof ProgressUpdate u) {
          p.on(m.getSubject().substring(prefix.length()), u);
        }
      } catch (RuntimeException ignored) {
        // not a progress frame: progress is best effort
      }
    });
    d.subscribe(prefix + "*");
    return d;
  }

  private void on(String id, ProgressUpdate u) {
    String name = names.get(id);
    if (name == null) {
      return;
    }
    int quarter = u.percent() == null ? 0 : (int) Math.max(0, Math.min(4, u.percent() / 25));
    Integer before = shown.get(id);
    if (quarter < 4 && (before == null || quarter > before)) {
      shown.put(id, quarter);
      out.printf("  %s: %s%s%n", name, u.percent() == null ? "" : Math.round(u.percent()) + "% ",
          u.message() == null ? u.stage() : u.message());
    }
  }
}
