package dev.analyzer.queue;

import dev.analyzer.core.protocol.ProgressUpdate;

/**
 * Where a queued analysis reports progress. Frames are published on core NATS (at most once: a
 * caller that is not listening misses them, as on a closed WebSocket). Thread-safe.
 */
@FunctionalInterface
public interface ProgressSink {

  /** Publishes {@code update}; never throws for a network problem (progress is best effort). */
  void send(ProgressUpdate update);
}
