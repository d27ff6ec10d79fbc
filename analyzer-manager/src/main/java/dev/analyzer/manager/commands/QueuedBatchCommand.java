package dev.analyzer.manager.commands;

import dev.analyzer.manager.batch.BatchState;
import dev.analyzer.manager.batch.BatchStore;
import dev.analyzer.manager.run.AnalyzeOptions;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueSettings;
import dev.analyzer.queue.QueueSubmitter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code analyzer batch FILE --queue URL} and {@code analyzer batch --resume ID}: a batch whose
 * analyses are queued durably on NATS JetStream. A new batch connects first (an unreachable queue
 * leaves nothing behind), then writes its state ({@link BatchStore#create}) before it publishes
 * anything, and prints its id; from then on a kill at any point loses nothing, and a resume
 * repeats nothing. Used once per command line.
 */
final class QueuedBatchCommand implements Callable<Integer> {

  private final Path file;
  private final String resume;
  private final String queue;
  private final List<String> types;
  private final Integer timeout;
  private final boolean allowMissing;
  private final Path results;
  private final boolean explicitOut;

  QueuedBatchCommand(Path file, String resume, String queue, List<String> types, Integer timeout, boolean allowMissing,
      Path results, boolean explicitOut) {
    this.file = file;
    this.resume = resume;
    this.queue = queue;
    this.types = types;
    this.timeout = timeout;
    this.allowMissing = allowMissing;
    this.results = results;
    this.explicitOut = explicitOut;
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    if (resume != null) {
      if (file != null || types != null || timeout != null || allowMissing) {
        throw new IllegalArgumentException("--resume continues batch " + resume + " as it was planned: give no FILE, "
            + "--types, --timeout or --allow-missing with it");
      }
      try (BatchStore store = BatchStore.open(results, resume)) {
        BatchState state = store.state();
        QueueSettings settings = QueueAccess.settings(queue, state.queue(), env);
        if (!settings.prefix().equals(state.prefix())) {
          System.out.println("note: batch " + resume + " was queued with prefix " + state.prefix() + ", not "
              + settings.prefix() + ": using " + state.prefix());
          settings = settings.toBuilder().withPrefix(state.prefix()).build();
        }
        System.out.printf("resuming batch %s (%d entries, created %s) on %s%n", resume, state.entries().size(),
            state.createdAt(), QueueAccess.servers(settings));
        return run(store, settings);
      }
    }
    if (file == null) {
      throw new IllegalArgumentException("give the batch FILE (or --resume ID for a queued batch)");
    }
    List<AnalyzeOptions> apps = BatchFile.read(file, types, timeout == null ? null : Duration.ofSeconds(timeout),
        allowMissing);
    QueueSettings settings = QueueAccess.settings(queue, null, env);
    try (QueueConnection connection = QueueAccess.open(settings, "analyzer batch")) {
      Instant now = Instant.now();
      String id = QueuedBatchPlan.newId(now);
      BatchState state = QueuedBatchPlan.plan(id, now, file, QueueAccess.servers(settings), settings.prefix(), apps);
      try (BatchStore store = BatchStore.create(results, state)) {
        int requests = state.entries().stream().mapToInt(e -> e.requests().size()).sum();
        System.out.printf("batch %s: %d apps, %d analyses to queue on %s (prefix %s); state %s%n", id, apps.size(),
            requests, QueueAccess.servers(settings), settings.prefix(), store.directory().resolve("state.json"));
        System.out.println("resume with: analyzer batch --resume " + id + (explicitOut ? " --out " + results : ""));
        System.out.flush();
        return run(store, connection);
      }
    }
  }

  private int run(BatchStore store, QueueSettings settings) throws Exception {
    try (QueueConnection connection = QueueAccess.open(settings, "analyzer batch")) {
      return run(store, connection);
    }
  }

  private int run(BatchStore store, QueueConnection connection) throws Exception {
    String id = store.state().batchId();
    Thread onStop = new Thread(() -> System.out.println("\nstopped waiting for batch " + id
        + "; its analyses go on in the queue; resume with: analyzer batch --resume " + id
        + (explicitOut ? " --out " + results : "")), "batch-stop-note");
    Runtime.getRuntime().addShutdownHook(onStop);
    try (QueueSubmitter submitter = submitter(connection)) {
      return new QueuedBatchRun(store, connection, submitter, results, System.out).run();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onStop);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs: the JVM is exiting (Ctrl-C)
      }
    }
  }

  private static QueueSubmitter submitter(QueueConnection connection) {
    try {
      return QueueSubmitter.create(connection);
    } catch (QueueException e) {
      throw QueueAccess.failure("cannot prepare the queue's streams", e);
    }
  }
}
