package dev.analyzer.service.metrics;

/**
 * What queue mode reports to the metrics, read at every scrape. Implementations must be
 * thread-safe and cheap (no I/O).
 */
public interface QueueModeMetrics {

  /** True while connected to NATS with the worker consuming. */
  boolean connected();

  /** Requests the worker holds now (running, or waiting for a slot). */
  int inFlight();

  /** Requests taken from the queue since start. */
  long consumed();

  /** Of those, requests that ended with a result handed to the queue (any status). */
  long completed();

  /** Of those, requests that could not run here (handed back for redelivery or dead-lettering). */
  long failed();

  /** Attempts to reach NATS at start that failed. */
  long connectFailures();
}
