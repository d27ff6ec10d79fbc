package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.queue.internal.QueueHeaders;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only views of the queue for operators ({@code analyzer queue status}): per kind pending, in
 * flight, redelivered and dead-lettered counts, and the dead letters themselves. Creates nothing:
 * a kind whose stream does not exist yet reports {@code provisioned = false}.
 *
 * <p>Thread-safe.
 */
public final class QueueInspector {

  private static final int NOT_FOUND_STREAM = 10059;
  private static final int NOT_FOUND_CONSUMER = 10014;
  private static final int NO_MESSAGE_FOUND = 10037;

  private final QueueConnection connection;
  private final QueueNames names;

  private QueueInspector(QueueConnection connection) {
    this.connection = connection;
    this.names = connection.names();
  }

  /** An inspector reading through {@code connection}. */
  public static QueueInspector of(QueueConnection connection) {
    return new QueueInspector(java.util.Objects.requireNonNull(connection, "connection"));
  }

  /**
   * The status of every kind, in {@link AnalysisKind} order.
   *
   * @throws QueueException when NATS cannot be asked
   */
  public List<KindStatus> status() {
    Map<String, Long> dead = deadCounts();
    List<KindStatus> out = new ArrayList<>();
    for (AnalysisKind kind : AnalysisKind.values()) {
      long deadLettered = dead.getOrDefault(names.deadSubject(kind), 0L);
      ConsumerInfo ci = consumer(kind);
      out.add(ci == null ? new KindStatus(kind, false, 0, 0, 0, deadLettered)
          : new KindStatus(kind, true, ci.getNumPending(), ci.getNumAckPending(), ci.getRedelivered(), deadLettered));
    }
    return out;
  }

  /**
   * The dead letters of {@code kind}, oldest first, at most {@code limit}.
   *
   * @throws QueueException when NATS cannot be asked
   */
  public List<DeadLetter> deadLetters(AnalysisKind kind, int limit) {
    List<DeadLetter> out = new ArrayList<>();
    long seq = 1;
    try {
      while (out.size() < limit) {
        MessageInfo m;
        try {
          m = connection.management().getNextMessage(names.deadStream(), seq, names.deadSubject(kind));
        } catch (JetStreamApiException e) {
          if (e.getApiErrorCode() == NO_MESSAGE_FOUND || e.getApiErrorCode() == NOT_FOUND_STREAM) {
            break;
          }
          throw e;
        }
        out.add(letter(kind, m));
        seq = m.getSeq() + 1;
      }
    } catch (IOException | JetStreamApiException e) {
      throw new QueueException("cannot read the dead letters of " + kind.wire() + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static DeadLetter letter(AnalysisKind kind, MessageInfo m) {
    Headers h = m.getHeaders() == null ? new Headers() : m.getHeaders();
    return new DeadLetter(kind, h.getFirst(QueueHeaders.REQUEST_ID), h.getFirst(QueueHeaders.DEAD_REASON),
        parse(h.getFirst(QueueHeaders.DELIVERIES)), parse(h.getFirst(QueueHeaders.STREAM_SEQUENCE)),
        m.getTime() == null ? null : m.getTime().toInstant(),
        m.getData() == null ? "" : new String(m.getData(), StandardCharsets.UTF_8));
  }

  private Map<String, Long> deadCounts() {
    Map<String, Long> counts = new HashMap<>();
    try {
      StreamInfo si = connection.management().getStreamInfo(names.deadStream(),
          StreamInfoOptions.filterSubjects(names.deadWildcard()));
      List<Subject> subjects = si.getStreamState().getSubjects();
      if (subjects != null) {
        for (Subject s : subjects) {
          counts.put(s.getName(), s.getCount());
        }
      }
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != NOT_FOUND_STREAM) {
        throw new QueueException("cannot read " + names.deadStream() + ": " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new QueueException("cannot read " + names.deadStream() + ": " + e.getMessage(), e);
    }
    return counts;
  }

  private ConsumerInfo consumer(AnalysisKind kind) {
    try {
      return connection.management().getConsumerInfo(names.requestStream(kind), QueueNames.CONSUMER);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NOT_FOUND_STREAM || e.getApiErrorCode() == NOT_FOUND_CONSUMER) {
        return null;
      }
      throw new QueueException("cannot read consumer " + QueueNames.CONSUMER + " of " + names.requestStream(kind)
          + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new QueueException("cannot read consumer of " + names.requestStream(kind) + ": " + e.getMessage(), e);
    }
  }

  private static long parse(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
