package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.CancelRequest;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.internal.ResultStore;
import dev.analyzer.queue.internal.ResultWatcher;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of the queue: submits requests durably, waits for their one terminal result,
 * streams their progress and cancels them. Nothing here lives only in this process: a request
 * submitted by an earlier process can be awaited, streamed or cancelled by id.
 *
 * <ul>
 *   <li>{@link #submit} publishes with {@code Nats-Msg-Id} = request id, so a second publish of
 *       the same id within the duplicate window is dropped by the stream (the receipt says so).
 *   <li>{@link #awaitResult} completes with the first result stored for the id; later ones are
 *       refused by the results stream, so every caller sees the same one.
 *   <li>{@link #cancel} tells the worker running it to stop and stores a {@code cancelled} result;
 *       if a result was stored first, that one stays.
 * </ul>
 *
 * <p>Thread-safe. Close it to stop waiting (pending futures fail); the connection stays the
 * caller's.
 */
public final class QueueSubmitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueueSubmitter.class);
  private static final String SERVICE = "analyzer-queue";
  private static final int READER_THREADS = 4;

  private final QueueConnection connection;
  private final QueueNames names;
  private final ResultStore results;
  private final ResultWatcher watcher;
  private final ExecutorService readers;
  private final Clock clock;

  private QueueSubmitter(QueueConnection connection, Clock clock) {
    this.connection = connection;
    this.names = connection.names();
    this.clock = clock;
    this.results = new ResultStore(connection, connection.nats().getOptions().getConnectionName());
    this.readers = Executors.newFixedThreadPool(READER_THREADS, r -> {
      Thread t = new Thread(r, "queue-result-reader");
      t.setDaemon(true);
      return t;
    });
    this.watcher = new ResultWatcher(connection, results, readers);
  }

  /**
   * A submitter on {@code connection}; creates whatever of the topology is missing first
   * ({@link QueueTopology#createMissing}), so requests can be queued, and the consumer lag seen
   * by an autoscaler, before any worker runs.
   *
   * @throws QueueException when the topology cannot be ensured
   */
  public static QueueSubmitter create(QueueConnection connection) {
    return create(connection, Clock.systemUTC());
  }

  /** As {@link #create(QueueConnection)}, with the clock that stamps cancel results. */
  public static QueueSubmitter create(QueueConnection connection, Clock clock) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(clock, "clock");
    connection.topology().createMissing();
    return new QueueSubmitter(connection, clock);
  }

  /**
   * Queues {@code request} on the work queue of its kind, durably (the stream has it when this
   * returns).
   *
   * @throws IllegalArgumentException when its id cannot name a subject
   * @throws QueueException when the stream does not confirm it
   */
  public SubmitReceipt submit(AnalysisRequest request) {
    String id = QueueNames.checkId(request.id());
    AnalysisKind kind = request.kind();
    try {
      PublishAck ack = connection.jetStream().publish(names.requestSubject(kind), connection.codec().encodeToBytes(request),
          PublishOptions.builder().messageId(id).expectedStream(names.requestStream(kind)).build());
      if (ack.isDuplicate()) {
        LOG.info("request {} was queued already (within the duplicate window); this copy was dropped", id);
      }
      return new SubmitReceipt(id, kind, ack.getSeqno(), ack.isDuplicate());
    } catch (IOException | JetStreamApiException e) {
      throw new QueueException("cannot queue request " + id + " on " + names.requestSubject(kind) + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * As {@link #submit}, without waiting for the stream's confirmation in this thread: many
   * requests are then in flight to the stream at once (a batch submits far faster). The future
   * completes when the stream has the request, or fails with a {@link QueueException}.
   *
   * @throws IllegalArgumentException when its id cannot name a subject
   */
  public CompletableFuture<SubmitReceipt> submitAsync(AnalysisRequest request) {
    String id = QueueNames.checkId(request.id());
    AnalysisKind kind = request.kind();
    return connection.jetStream().publishAsync(names.requestSubject(kind), connection.codec().encodeToBytes(request),
            PublishOptions.builder().messageId(id).expectedStream(names.requestStream(kind)).build())
        .handle((ack, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
            throw new QueueException("cannot queue request " + id + " on " + names.requestSubject(kind) + ": "
                + cause.getMessage(), cause);
          }
          return new SubmitReceipt(id, kind, ack.getSeqno(), ack.isDuplicate());
        });
  }

  /**
   * The terminal result of {@code id}: at once when stored already, else when the first one is
   * stored. Works for requests any process submitted. The future fails with a
   * {@link QueueException} when NATS cannot be read or this submitter closes; bound the wait
   * with {@link CompletableFuture#orTimeout}. Cancelling the future stops only this wait.
   */
  public CompletableFuture<AnalysisResult> awaitResult(String id) {
    return watcher.await(id);
  }

  /** The stored result of {@code id}, if there is one now. */
  public Optional<AnalysisResult> findResult(String id) {
    return results.find(QueueNames.checkId(id));
  }

  /**
   * Streams the progress of {@code id} to {@code listener} (on a jnats dispatcher thread) until
   * the returned handle is closed. Progress is core NATS: frames sent while nobody listens are lost.
   */
  public AutoCloseable onProgress(String id, Consumer<ProgressUpdate> listener) {
    String subject = names.progressSubject(id);
    Dispatcher d = connection.nats().createDispatcher(m -> {
      try {
        Message frame = connection.codec().decode(m.getData());
        if (frame instanceof ProgressUpdate) {
          listener.accept((ProgressUpdate) frame);
        }
      } catch (RuntimeException e) {
        LOG.debug("progress frame on {} dropped: {}", subject, e.toString());
      }
    });
    d.subscribe(subject);
    return () -> connection.nats().closeDispatcher(d);
  }

  /**
   * Cancels {@code id}: the worker running it (if any) is told to stop, and a {@code cancelled}
   * result is stored unless a result was stored first. A request not yet taken will not run.
   *
   * @return true when the request ends cancelled; false when it already had a result
   * @throws QueueException when NATS cannot be reached
   */
  public boolean cancel(String id, AnalysisKind kind, String reason) {
    QueueNames.checkId(id);
    AnalysisResult cancelled = new AnalysisResult(kind.resultType(), id, SERVICE, clock.instant(),
        ResultStatus.CANCELLED, null, reason == null ? "cancelled by the caller" : "cancelled by the caller: " + reason,
        Map.of());
    // Stored first, then announced: a worker registers a request before it checks for a stored
    // result, so it either sees this result or receives the cancel.
    boolean stored = results.store(cancelled) == ResultStore.Outcome.STORED;
    connection.nats().publish(names.cancelSubject(id),
        connection.codec().encodeToBytes(CancelRequest.of(id, reason, clock.instant())));
    return stored;
  }

  /** As {@link #cancel(String, AnalysisKind, String)} for {@code request}. */
  public boolean cancel(AnalysisRequest request, String reason) {
    return cancel(request.id(), request.kind(), reason);
  }

  @Override
  public void close() {
    watcher.close();
    readers.shutdownNow();
  }
}
