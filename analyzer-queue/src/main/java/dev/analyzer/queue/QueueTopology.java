package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.queue.internal.StreamProvisioner;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates or verifies, idempotently, the streams, consumers and bucket of the queue (see
 * {@link QueueNames}): a work-queue stream and a durable pull consumer per kind, the results
 * stream, the dead-letter stream and the Object Store bucket. Any number of processes may call
 * {@link #ensure} at once: a stream that exists with the same shape is kept, one whose tunable
 * limits differ (replicas, max age, duplicate window) is updated to these settings, and one of an
 * incompatible shape (another retention or other subjects) is an error naming it.
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
    StreamProvisioner p = new StreamProvisioner(connection.management(), connection.nats(), connection.settings());
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
