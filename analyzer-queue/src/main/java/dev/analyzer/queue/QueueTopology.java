package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.queue.internal.StreamProvisioner;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates or verifies, idempotently, the streams, consumers and bucket of the queue (see
 * {@link QueueNames}): a work-queue stream and a durable pull consumer per kind, the results
 * stream, the dead-letter stream and the Object Store bucket. Any number of processes may call
 * it at once. A stream of the same shape is kept; one of an incompatible shape (another
 * retention, other subjects, other storage) is an error naming it. {@link #ensure} (workers)
 * also updates tunable limits (replicas, max age, duplicate window; the consumer's AckWait,
 * max_deliver, max_ack_pending) to these settings, so every worker of a kind must share them;
 * {@link #createMissing} (submitters) never changes what exists.
 *
 * <p>Thread-safe.
 */
public final class QueueTopology {

  private final QueueConnection connection;

  QueueTopology(QueueConnection connection) {
    this.connection = connection;
  }

  /**
   * Ensures the shared streams and the streams and consumers of {@code kinds}.
   *
   * @throws QueueException naming the stream or consumer that could not be created or verified
   */
  public void ensure(Set<AnalysisKind> kinds) {
    provision(kinds, true);
  }

  /**
   * Creates what is missing (for all four kinds) and verifies the shape of what exists, without
   * changing the limits of existing streams and consumers: what submitters and tools call, so a
   * client whose settings differ from the fleet's never reconfigures the workers' consumers.
   *
   * @throws QueueException naming the stream or consumer that could not be created or verified
   */
  public void createMissing() {
    provision(EnumSet.allOf(AnalysisKind.class), false);
  }

  private void provision(Set<AnalysisKind> kinds, boolean update) {
    StreamProvisioner p = new StreamProvisioner(connection.management(), connection.nats(), connection.settings(),
        update);
    p.ensureResults();
    p.ensureDeadLetters();
    p.ensureObjectBucket();
    for (AnalysisKind kind : kinds) {
      p.ensureRequests(kind);
    }
  }

  /** Ensures everything, for all four kinds. */
  public void ensureAll() {
    ensure(EnumSet.allOf(AnalysisKind.class));
  }
}
