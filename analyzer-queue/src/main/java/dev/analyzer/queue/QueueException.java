package dev.analyzer.queue;

/**
 * The queue could not do what was asked: NATS unreachable, a JetStream call refused or timed out,
 * a stream that exists with an incompatible configuration. The message says which operation on
 * which stream or subject failed, and why.
 */
public final class QueueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public QueueException(String message) {
    super(message);
  }

  public QueueException(String message, Throwable cause) {
    super(message, cause);
  }
}
