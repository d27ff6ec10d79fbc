package dev.analyzer.queue.internal;

/** Header names the queue sets on its messages, besides the standard {@code Nats-Msg-Id}. */
public final class QueueHeaders {

  /** On a result message: the Object Store object that holds the encoded result. */
  public static final String RESULT_OBJECT = "Analyzer-Result-Object";
  /** On a result message: the envelope status, readable without decoding the body. */
  public static final String STATUS = "Analyzer-Status";
  /** On a dead letter: why the request was given up. */
  public static final String DEAD_REASON = "Analyzer-Dead-Reason";
  /** On a dead letter: how many times it was delivered. */
  public static final String DELIVERIES = "Analyzer-Deliveries";
  /** On a dead letter: the request id. */
  public static final String REQUEST_ID = "Analyzer-Request-Id";
  /** On a dead letter: the sequence the request had in its work-queue stream. */
  public static final String STREAM_SEQUENCE = "Analyzer-Stream-Sequence";
  /** On results and dead letters: the connection name of the worker that wrote it. */
  public static final String WORKER = "Analyzer-Worker";

  private QueueHeaders() {}
}
