package dev.analyzer.queue.internal;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueNames;
import dev.analyzer.queue.QueueSettings;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or verifies one piece of the topology at a time. Stateless apart from its collaborators;
 * thread-safe because JetStream serialises stream creation (a lost race is answered by verifying
 * the winner's stream).
 */
public final class StreamProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(StreamProvisioner.class);
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int STREAM_NAME_IN_USE = 10058;
  private static final int CONSUMER_NOT_FOUND = 10014;

  private final JetStreamManagement jsm;
  private final Connection nats;
  private final QueueSettings settings;
  private final QueueNames names;
  private final boolean update;

  /**
   * @param update true (workers): existing streams and consumers get these settings' limits;
   *     false (submitters, tools): missing ones are created, existing ones only verified
   */
  public StreamProvisioner(JetStreamManagement jsm, Connection nats, QueueSettings settings, boolean update) {
    this.update = update;
    this.jsm = jsm;
    this.nats = nats;
    this.settings = settings;
    this.names = settings.names();
  }

  /** The work-queue stream of {@code kind} and its durable pull consumer. */
  public void ensureRequests(AnalysisKind kind) {
    String stream = names.requestStream(kind);
    ensureStream(StreamConfiguration.builder().name(stream)
        .description("analyzer " + kind.wire() + " requests (work queue)")
        .subjects(names.requestSubject(kind))
        .retentionPolicy(RetentionPolicy.WorkQueue)
        .storageType(storage()).replicas(settings.replicas())
        .duplicateWindow(settings.duplicateWindow())
        .build());
    ConsumerConfiguration cc = ConsumerConfiguration.builder()
        .durable(QueueNames.CONSUMER)
        .description("analyzer " + kind.wire() + " workers")
        .filterSubject(names.requestSubject(kind))
        .deliverPolicy(DeliverPolicy.All)
        .ackPolicy(AckPolicy.Explicit)
        .ackWait(settings.ackWait())
        .maxDeliver(settings.maxDeliver())
        .maxAckPending(settings.maxAckPending())
        .build();
    try {
      if (update) {
        jsm.addOrUpdateConsumer(stream, cc);
      } else if (!consumerExists(stream)) {
        try {
          jsm.createConsumer(stream, cc);
        } catch (JetStreamApiException e) {
          if (!consumerExists(stream)) {
            throw e;
          }
        }
      }
    } catch (IOException | JetStreamApiException e) {
      throw new QueueException("cannot create or update consumer " + QueueNames.CONSUMER + " on stream " + stream
          + ": " + e.getMessage(), e);
    }
  }

  /** The results stream: one message per subject, the first one stored wins. */
  public void ensureResults() {
    ensureStream(StreamConfiguration.builder().name(names.resultsStream())
        .description("analyzer terminal results, one per request id; the first stored wins")
        .subjects(names.resultsWildcard())
        .retentionPolicy(RetentionPolicy.Limits)
        .maxMessagesPerSubject(1)
        .discardPolicy(DiscardPolicy.New).discardNewPerSubject(true)
        .maxAge(settings.resultTtl())
        .duplicateWindow(min(settings.duplicateWindow(), settings.resultTtl()))
        .allowDirect(true)
        .storageType(storage()).replicas(settings.replicas())
        .build());
  }

  /** The dead-letter stream. */
  public void ensureDeadLetters() {
    ensureStream(StreamConfiguration.builder().name(names.deadStream())
        .description("analyzer requests that ran out of deliveries or could not be read, with the reason")
        .subjects(names.deadWildcard())
        .retentionPolicy(RetentionPolicy.Limits)
        .maxAge(settings.resultTtl())
        .duplicateWindow(min(settings.duplicateWindow(), settings.resultTtl()))
        .storageType(storage()).replicas(settings.replicas())
        .build());
  }

  /** The Object Store bucket of large results. */
  public void ensureObjectBucket() {
    String bucket = names.objectBucket();
    try {
      nats.objectStoreManagement().create(ObjectStoreConfiguration.builder(bucket)
          .description("analyzer results larger than " + settings.objectThreshold() + " bytes")
          .ttl(settings.resultTtl()).storageType(storage()).replicas(settings.replicas()).build());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw new QueueException("cannot create object store bucket " + bucket + ": " + e.getMessage(), e);
      }
      LOG.info("object store bucket {} exists with other limits; kept as it is", bucket);
    } catch (IOException e) {
      throw new QueueException("cannot create object store bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  private void ensureStream(StreamConfiguration wanted) {
    String name = wanted.getName();
    try {
      StreamInfo existing = info(name);
      if (existing == null) {
        try {
          jsm.addStream(wanted);
          LOG.info("created stream {} ({})", name, wanted.getSubjects());
          return;
        } catch (JetStreamApiException e) {
          if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
            throw e;
          }
          existing = info(name);
          if (existing == null) {
            throw e;
          }
        }
      }
      verify(existing.getConfiguration(), wanted);
      if (update && differs(existing.getConfiguration(), wanted)) {
        jsm.updateStream(wanted);
        LOG.info("updated stream {} to the configured limits", name);
      }
    } catch (IOException | JetStreamApiException e) {
      throw new QueueException("cannot create or verify stream " + name + ": " + e.getMessage(), e);
    }
  }

  private boolean consumerExists(String stream) throws IOException, JetStreamApiException {
    try {
      jsm.getConsumerInfo(stream, QueueNames.CONSUMER);
      return true;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private StreamInfo info(String name) throws IOException, JetStreamApiException {
    try {
      return jsm.getStreamInfo(name);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private void verify(StreamConfiguration have, StreamConfiguration want) {
    String name = want.getName();
    if (have.getRetentionPolicy() != want.getRetentionPolicy()) {
      throw new QueueException("stream " + name + " exists with retention " + have.getRetentionPolicy()
          + ", expected " + want.getRetentionPolicy() + ": remove it (nats stream rm " + name
          + ") or choose another " + QueueSettings.PREFIX);
    }
    if (!new HashSet<>(have.getSubjects()).equals(new HashSet<>(want.getSubjects()))) {
      throw new QueueException("stream " + name + " exists with subjects " + have.getSubjects() + ", expected "
          + want.getSubjects() + ": remove it or choose another " + QueueSettings.PREFIX);
    }
    if (have.getStorageType() != want.getStorageType()) {
      throw new QueueException("stream " + name + " exists with " + have.getStorageType() + " storage, expected "
          + want.getStorageType() + " (" + QueueSettings.STORAGE + "): storage cannot change in place");
    }
  }

  private static boolean differs(StreamConfiguration have, StreamConfiguration want) {
    return have.getReplicas() != want.getReplicas()
        || !have.getMaxAge().equals(want.getMaxAge())
        || !have.getDuplicateWindow().equals(want.getDuplicateWindow())
        || have.getMaxMsgsPerSubject() != want.getMaxMsgsPerSubject()
        || have.getDiscardPolicy() != want.getDiscardPolicy()
        || have.isDiscardNewPerSubject() != want.isDiscardNewPerSubject()
        || have.getAllowDirect() != want.getAllowDirect();
  }

  private StorageType storage() {
    return "memory".equals(settings.storage()) ? StorageType.Memory : StorageType.File;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
