package dev.analyzer.queue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueNames;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters requests that ran out of deliveries without any worker answering (the worker
 * holding the last delivery was killed or stalled): the server announces them with its
 * max-deliveries advisory; one worker of the queue group reads the request by its stream
 * sequence, dead-letters it with the reason, stores an error result and deletes it from the work
 * queue. Thread-safe; called on a jnats dispatcher thread.
 */
public final class MaxDeliveriesListener {

  private static final Logger LOG = LoggerFactory.getLogger(MaxDeliveriesListener.class);
  private static final int NO_MESSAGE_FOUND = 10037;

  private final QueueConnection connection;
  private final DeadLetters deadLetters;

  public MaxDeliveriesListener(QueueConnection connection, DeadLetters deadLetters) {
    this.connection = connection;
    this.deadLetters = deadLetters;
  }

  /** Handles one advisory of {@code kind}'s consumer. */
  public void onAdvisory(AnalysisKind kind, Message advisory) {
    String stream = connection.names().requestStream(kind);
    long seq;
    long deliveries;
    try {
      JsonNode json = connection.codec().mapper().readTree(advisory.getData());
      seq = json.path("stream_seq").asLong(-1);
      deliveries = json.path("deliveries").asLong(connection.settings().maxDeliver());
    } catch (IOException e) {
      LOG.warn("unreadable max-deliveries advisory on {}: {}", advisory.getSubject(), e.toString());
      return;
    }
    try {
      MessageInfo info = connection.management().getMessage(stream, seq);
      String id = idOf(info);
      deadLetters.deadLetter(kind, id, info.getData(), deliveries, seq, "no worker acknowledged it in "
          + deliveries + " deliveries of AckWait " + connection.settings().ackWait()
          + " each (the workers holding it were killed or stalled)");
      connection.management().deleteMessage(stream, seq);
      LOG.warn("request {} (seq {}) ran out of deliveries and was dead-lettered", id, seq);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != NO_MESSAGE_FOUND) {
        LOG.warn("cannot dead-letter seq {} of {}: {}", seq, stream, e.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot dead-letter seq {} of {}: {}", seq, stream, e.toString());
    }
  }

  private String idOf(MessageInfo info) {
    String id = info.getHeaders() == null ? null : info.getHeaders().getFirst("Nats-Msg-Id");
    if (id != null) {
      return id;
    }
    try {
      dev.analyzer.core.protocol.Message m = connection.codec().decode(info.getData());
      return m instanceof AnalysisRequest ? QueueNames.checkId(((AnalysisRequest) m).id()) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
