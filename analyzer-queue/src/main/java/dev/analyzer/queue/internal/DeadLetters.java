package dev.analyzer.queue.internal;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueNames;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * Gives up a request: publishes it, unchanged, to {@code <prefix>.dead.<kind>} with the reason,
 * the delivery count and its stream sequence in headers, then stores an {@code error} result for
 * its id (first result wins, so a result that made it in earlier stays). The dead letter carries
 * {@code Nats-Msg-Id = dead:<id>}, so two workers giving up the same request store one letter.
 *
 * <p>Thread-safe.
 */
public final class DeadLetters {

  private final QueueConnection connection;
  private final QueueNames names;
  private final ResultStore results;
  private final String service;
  private final String writer;
  private final Clock clock;

  public DeadLetters(QueueConnection connection, ResultStore results, String service, String writer, Clock clock) {
    this.connection = connection;
    this.names = connection.names();
    this.results = results;
    this.service = service;
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * Dead-letters the request {@code body} of {@code kind}.
   *
   * @param id the request id, or {@code null} when the request could not be read (no result is stored then)
   * @throws QueueException when NATS does not confirm the dead letter
   */
  public void deadLetter(AnalysisKind kind, String id, byte[] body, long deliveries, long streamSequence,
      String reason) {
    Headers h = new Headers()
        .put(QueueHeaders.DEAD_REASON, oneLine(reason))
        .put(QueueHeaders.DELIVERIES, Long.toString(deliveries))
        .put(QueueHeaders.STREAM_SEQUENCE, Long.toString(streamSequence))
        .put(QueueHeaders.WORKER, writer);
    String msgId = "dead:" + names.requestStream(kind) + ":" + streamSequence;
    if (id != null) {
      h.put(QueueHeaders.REQUEST_ID, id);
      msgId = "dead:" + id;
    }
    try {
      connection.jetStream().publish(names.deadSubject(kind), h, body,
          PublishOptions.builder().messageId(msgId).expectedStream(names.deadStream()).build());
    } catch (IOException | JetStreamApiException e) {
      throw new QueueException("cannot dead-letter request " + id + " of " + kind.wire() + ": " + e.getMessage(), e);
    }
    if (id != null && isSubjectToken(id)) {
      results.store(new AnalysisResult(kind.resultType(), id, service, clock.instant(), ResultStatus.ERROR, null,
          "dead-lettered after " + deliveries + " deliveries: " + reason, Map.of()));
    }
  }

  private static boolean isSubjectToken(String id) {
    try {
      QueueNames.checkId(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String oneLine(String reason) {
    String r = reason == null ? "unknown" : reason.replaceAll("[\\r\\n]+", " ");
    return r.length() > 1000 ? r.substring(0, 1000) + "..." : r;
  }
}
