package dev.analyzer.queue.internal;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueNames;
import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.PublishOptions;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * The results stream seen as a map from request id to its one terminal result. The stream keeps
 * one message per subject and refuses a second one ({@code discard_new_per_subject}), so
 * {@link #store} is first-writer-wins, decided atomically by the server. Results larger than the
 * object threshold are written to the Object Store first, under a name of their own, and the
 * stream message holds the reference; a losing writer deletes its object again.
 *
 * <p>Thread-safe.
 */
public final class ResultStore {

  /** What {@link #store} did. */
  public enum Outcome {
    /** This result is now the request's result. */
    STORED,
    /** Another result was stored first; this one was dropped. */
    ALREADY_STORED
  }

  private static final int MAX_PER_SUBJECT_EXCEEDED = 10077;
  private static final int NO_MESSAGE_FOUND = 10037;

  private final QueueConnection connection;
  private final QueueNames names;
  private final ProtocolCodec codec;
  private final String writer;

  public ResultStore(QueueConnection connection, String writer) {
    this.connection = connection;
    this.names = connection.names();
    this.codec = connection.codec();
    this.writer = writer;
  }

  /**
   * Stores {@code result} as the result of its correlation id unless one is stored already.
   *
   * @throws QueueException when NATS does not confirm either way
   * @throws IllegalArgumentException when the result has no correlation id
   */
  public Outcome store(AnalysisResult result) {
    String id = result.correlationId();
    if (id == null) {
      throw new IllegalArgumentException("a queued result needs a correlation_id");
    }
    String subject = names.resultSubject(id);
    byte[] body = codec.encodeToBytes(result);
    Headers headers = new Headers().put(QueueHeaders.STATUS, result.status().wire()).put(QueueHeaders.WORKER, writer);
    String objectName = null;
    try {
      if (body.length > connection.settings().objectThreshold()) {
        objectName = id + "/" + UUID.randomUUID();
        objects().put(objectName, body);
        headers.put(QueueHeaders.RESULT_OBJECT, objectName);
        body = new byte[0];
      }
      PublishAck ack = connection.jetStream().publish(subject, headers, body,
          PublishOptions.builder().messageId(id).expectedStream(names.resultsStream()).build());
      if (ack.isDuplicate()) {
        deleteObject(objectName);
        return Outcome.ALREADY_STORED;
      }
      return Outcome.STORED;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == MAX_PER_SUBJECT_EXCEEDED) {
        deleteObject(objectName);
        return Outcome.ALREADY_STORED;
      }
      throw new QueueException("cannot store the result of " + id + " on " + subject + ": " + e.getMessage(), e);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new QueueException("cannot store the result of " + id + " on " + subject + ": " + e.getMessage(), e);
    }
  }

  /** True when a result of {@code id} is stored (without reading a large result's object). */
  public boolean contains(String id) {
    return lastMessage(id) != null;
  }

  /**
   * The stored result of {@code id}, if any.
   *
   * @throws QueueException when NATS cannot be asked or the stored result cannot be read
   */
  public Optional<AnalysisResult> find(String id) {
    MessageInfo info = lastMessage(id);
    return info == null ? Optional.empty() : Optional.of(decode(id, info.getHeaders(), info.getData()));
  }

  /** Decodes a stored result message (reading the object of a large one). */
  public AnalysisResult decode(String id, Headers headers, byte[] data) {
    byte[] body = data;
    String objectName = headers == null ? null : headers.getFirst(QueueHeaders.RESULT_OBJECT);
    if (objectName != null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        objects().get(objectName, out);
      } catch (IOException | JetStreamApiException | NoSuchAlgorithmException e) {
        throw new QueueException("the result of " + id + " refers to object " + objectName + " in bucket "
            + names.objectBucket() + ", which cannot be read: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueueException("interrupted while reading the result object of " + id, e);
      }
      body = out.toByteArray();
    }
    Message m = codec.decode(body);
    if (!(m instanceof AnalysisResult)) {
      throw new QueueException("the stored result of " + id + " is a " + m.type().wire() + " frame, not a result");
    }
    return (AnalysisResult) m;
  }

  private MessageInfo lastMessage(String id) {
    try {
      return connection.management().getLastMessage(names.resultsStream(), names.resultSubject(id));
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
        return null;
      }
      throw new QueueException("cannot look up the result of " + id + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new QueueException("cannot look up the result of " + id + ": " + e.getMessage(), e);
    }
  }

  private ObjectStore objects() throws IOException {
    return connection.nats().objectStore(names.objectBucket());
  }

  private void deleteObject(String objectName) {
    if (objectName == null) {
      return;
    }
    try {
      objects().delete(objectName);
    } catch (IOException | JetStreamApiException e) {
      // The object expires with the bucket's TTL; nothing refers to it.
    }
  }
}
