package dev.analyzer.queue.internal;

import dev.analyzer.core.protocol.AnalysisKind;
import io.nats.client.Message;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request a worker holds: its JetStream message (for in-progress acks, ack and nak), its id
 * and its cancellation signal. Exactly one of completion and hand-back settles it, so a handler
 * that finishes after its request was handed back cannot ack or store anything. Thread-safe.
 */
public final class InFlight {

  private final Message message;
  private final String id;
  private final AnalysisKind kind;
  private final Cancellation cancellation = new Cancellation();
  private final AtomicBoolean settled = new AtomicBoolean();

  InFlight(Message message, String id, AnalysisKind kind) {
    this.message = message;
    this.id = id;
    this.kind = kind;
  }

  Message message() {
    return message;
  }

  /** The request id. */
  public String id() {
    return id;
  }

  AnalysisKind kind() {
    return kind;
  }

  /** The signal the handler watches. */
  public Cancellation cancellation() {
    return cancellation;
  }

  /** Claims the right to finish this request; true for the one caller that wins. */
  boolean settle() {
    return settled.compareAndSet(false, true);
  }

  boolean isSettled() {
    return settled.get();
  }
}
