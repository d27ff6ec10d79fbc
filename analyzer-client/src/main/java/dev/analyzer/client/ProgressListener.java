package dev.analyzer.client;

import dev.analyzer.core.protocol.ProgressUpdate;

/**
 * Receives an analysis's {@code progress_update} frames (and the original's {@code status_update},
 * converted) in order, on a Netty I/O thread (in queue mode, on the client's one NATS progress
 * dispatcher thread): implementations must be quick and must not block. An exception thrown here is
 * logged and does not affect the analysis. In queue mode progress is core NATS, at most once: a
 * frame still in flight when the result arrives is dropped.
 */
@FunctionalInterface
public interface ProgressListener {

  /** Ignores progress. */
  ProgressListener NONE = update -> { };

  void onProgress(ProgressUpdate update);
}
