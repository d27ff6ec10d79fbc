package dev.analyzer.queue.internal;

import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueNames;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Completes the futures of awaited results. One ordered consumer on {@code <prefix>.results.>},
 * created lazily with deliver policy "new", sees every result stored after it started; a direct
 * get after registering each future finds a result stored before. Between them no result is
 * missed, and because both read the stream (never core NATS), a result the stream refused is
 * never seen. Thread-safe.
 */
public final class ResultWatcher implements AutoCloseable {

  private final QueueConnection connection;
  private final QueueNames names;
  private final ResultStore store;
  private final Executor readers;
  private final Map<String, CompletableFuture<AnalysisResult>> waiting = new ConcurrentHashMap<>();
  private Dispatcher dispatcher;
  private JetStreamSubscription subscription;

  public ResultWatcher(QueueConnection connection, ResultStore store, Executor readers) {
    this.connection = connection;
    this.names = connection.names();
    this.store = store;
    this.readers = readers;
  }

  /**
   * The result of {@code id}: stored already, or the first one stored from now on. Each caller
   * gets its own future: cancelling it leaves other callers waiting.
   */
  public CompletableFuture<AnalysisResult> await(String id) {
    QueueNames.checkId(id);
    try {
      startIfNeeded();
    } catch (QueueException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<AnalysisResult> f = waiting.computeIfAbsent(id, k -> {
      CompletableFuture<AnalysisResult> nf = new CompletableFuture<>();
      nf.whenComplete((r, t) -> waiting.remove(k, nf));
      return nf;
    });
    readers.execute(() -> {
      try {
        store.find(id).ifPresent(f::complete);
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f.copy();
  }

  private synchronized void startIfNeeded() {
    if (subscription != null) {
      return;
    }
    dispatcher = connection.nats().createDispatcher();
    try {
      subscription = connection.jetStream().subscribe(names.resultsWildcard(), dispatcher, this::onResult, false,
          PushSubscribeOptions.builder().stream(names.resultsStream()).ordered(true)
              .configuration(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New).build()).build());
    } catch (IOException | JetStreamApiException e) {
      connection.nats().closeDispatcher(dispatcher);
      dispatcher = null;
      throw new QueueException("cannot watch " + names.resultsWildcard() + ": " + e.getMessage(), e);
    }
  }

  private void onResult(Message m) {
    String id = names.idOfResultSubject(m.getSubject());
    CompletableFuture<AnalysisResult> f = id == null ? null : waiting.get(id);
    if (f == null) {
      return;
    }
    readers.execute(() -> {
      try {
        f.complete(store.decode(id, m.getHeaders(), m.getData()));
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
  }

  @Override
  public synchronized void close() {
    if (dispatcher != null) {
      connection.nats().closeDispatcher(dispatcher);
      dispatcher = null;
    }
    QueueException closed = new QueueException("the submitter was closed while waiting for the result");
    waiting.values().forEach(f -> f.completeExceptionally(closed));
  }
}
