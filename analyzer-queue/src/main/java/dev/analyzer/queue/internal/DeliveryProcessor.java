package dev.analyzer.queue.internal;

import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ProtocolCodec;
import dev.analyzer.core.protocol.ProtocolException;
import dev.analyzer.queue.ProgressSink;
import dev.analyzer.queue.QueueConnection;
import dev.analyzer.queue.QueueHandler;
import dev.analyzer.queue.QueueNames;
import dev.analyzer.queue.QueueSettings;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes one delivered request to its end: a request that cannot be read is dead-lettered at once;
 * one whose result is already stored is acked without running; otherwise the handler runs, and
 * its result is stored before the message is acked. A handler failure naks the message with the
 * nak delay, or dead-letters it on its last delivery. Handlers start on {@code handlerPool};
 * storing and acking run on {@code finishers}, never on the thread that completed the handler's
 * stage (which may be a jnats dispatcher thread). Thread-safe.
 */
public final class DeliveryProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);

  private final QueueConnection connection;
  private final QueueHandler handler;
  private final ResultStore results;
  private final DeadLetters deadLetters;
  private final InFlightRegistry registry;
  private final Executor handlerPool;
  private final Executor finishers;
  private final ProtocolCodec codec;
  private final QueueSettings settings;

  public DeliveryProcessor(QueueConnection connection, QueueHandler handler, ResultStore results,
      DeadLetters deadLetters, InFlightRegistry registry, Executor handlerPool, Executor finishers) {
    this.connection = connection;
    this.handler = handler;
    this.results = results;
    this.deadLetters = deadLetters;
    this.registry = registry;
    this.handlerPool = handlerPool;
    this.finishers = finishers;
    this.codec = connection.codec();
    this.settings = connection.settings();
  }

  /**
   * Handles {@code msg}, a delivery from the consumer of {@code kind}; {@code release} runs once
   * when the worker no longer holds it.
   */
  public void process(Message msg, AnalysisKind kind, Runnable release) {
    NatsJetStreamMetaData meta = msg.metaData();
    long deliveries = meta.deliveredCount();
    long seq = meta.streamSequence();
    AnalysisRequest request;
    try {
      request = readRequest(msg, kind);
    } catch (ProtocolException | IllegalArgumentException e) {
      String id = msg.hasHeaders() ? msg.getHeaders().getFirst("Nats-Msg-Id") : null;
      LOG.warn("request {} (seq {}) on {} cannot be read and is dead-lettered: {}", id, seq, kind, e.getMessage());
      giveUp(msg, kind, id, deliveries, seq, "unreadable request: " + e.getMessage(), release);
      return;
    }
    String id = request.id();
    // Registered before the check: a cancel stores its result and then publishes, so either the
    // check sees the result or the cancel finds the request registered.
    InFlight f = new InFlight(msg, id, kind);
    registry.add(f);
    try {
      if (results.contains(id)) {
        LOG.info("request {} already has a result; acked without running (delivery {})", id, deliveries);
        if (f.settle()) {
          ack(msg, id);
        }
        registry.remove(f);
        release.run();
        return;
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot check for a stored result of {}; handing it back: {}", id, e.toString());
      if (f.settle()) {
        msg.nak();
      }
      registry.remove(f);
      release.run();
      return;
    }
    ProgressSink sink = update -> publishProgress(id, update);
    handlerPool.execute(() -> run(f, request, sink, deliveries, seq, release));
  }

  private void run(InFlight f, AnalysisRequest request, ProgressSink sink, long deliveries, long seq,
      Runnable release) {
    MDC.put("correlation_id", f.id());
    CompletionStage<AnalysisResult> stage;
    try {
      LOG.debug("running {} (delivery {} of {})", f.id(), deliveries, settings.maxDeliver());
      stage = handler.handle(request, sink, f.cancellation());
      if (stage == null) {
        stage = CompletableFuture.failedFuture(new IllegalStateException("the handler returned no result stage"));
      }
    } catch (RuntimeException | Error e) {
      stage = CompletableFuture.failedFuture(e);
    } finally {
      MDC.remove("correlation_id");
    }
    stage.whenCompleteAsync((result, failure) -> finish(f, request, result, failure, deliveries, seq, release),
        finishers);
  }

  private void finish(InFlight f, AnalysisRequest request, AnalysisResult result, Throwable failure,
      long deliveries, long seq, Runnable release) {
    if (!f.settle()) {
      return;
    }
    Message msg = f.message();
    try {
      String problem = failure != null ? describe(failure) : checkResult(request, result);
      if (problem == null) {
        AnalysisResult fixed = result.correlationId() == null ? withId(result, request.id()) : result;
        ResultStore.Outcome outcome = results.store(fixed);
        ack(msg, f.id());
        LOG.info("request {} finished {} ({})", f.id(), fixed.status(), outcome == ResultStore.Outcome.STORED
            ? "stored" : "an earlier result stays");
      } else if (deliveries >= settings.maxDeliver()) {
        giveUp(msg, f.kind(), f.id(), deliveries, seq, "the handler failed on delivery " + deliveries + " of "
            + settings.maxDeliver() + ": " + problem, () -> { });
      } else {
        LOG.warn("request {} failed on delivery {} of {}; redelivered in {}: {}", f.id(), deliveries,
            settings.maxDeliver(), settings.nakDelay(), problem);
        nak(msg);
      }
    } catch (RuntimeException e) {
      LOG.warn("request {} could not be finished, handed back: {}", f.id(), e.toString());
      nak(msg);
    } finally {
      registry.remove(f);
      release.run();
    }
  }

  private void giveUp(Message msg, AnalysisKind kind, String id, long deliveries, long seq, String reason,
      Runnable release) {
    try {
      deadLetters.deadLetter(kind, id, msg.getData(), deliveries, seq, reason);
      msg.term();
      LOG.warn("request {} dead-lettered to {}: {}", id, connection.names().deadSubject(kind), reason);
    } catch (RuntimeException e) {
      LOG.warn("request {} could not be dead-lettered, handed back: {}", id, e.toString());
      msg.nak();
    } finally {
      release.run();
    }
  }

  private AnalysisRequest readRequest(Message msg, AnalysisKind kind) {
    dev.analyzer.core.protocol.Message m = codec.decode(msg.getData());
    if (!(m instanceof AnalysisRequest)) {
      throw new IllegalArgumentException("a " + m.type().wire() + " frame is not an analysis request");
    }
    AnalysisRequest r = (AnalysisRequest) m;
    if (r.kind() != kind) {
      throw new IllegalArgumentException("a " + r.kind().wire() + " request on the " + kind.wire() + " queue");
    }
    QueueNames.checkId(r.id());
    return r;
  }

  private static String checkResult(AnalysisRequest request, AnalysisResult result) {
    if (result == null) {
      return "the handler completed without a result";
    }
    if (result.correlationId() != null && !result.correlationId().equals(request.id())) {
      return "the handler returned the result of " + result.correlationId() + " for request " + request.id();
    }
    return null;
  }

  private static AnalysisResult withId(AnalysisResult r, String id) {
    return new AnalysisResult(r.type(), id, r.service(), r.timestamp(), r.status(), r.analysis(), r.error(), r.extra());
  }

  private void ack(Message msg, String id) {
    try {
      msg.ackSync(settings.timeout());
    } catch (TimeoutException e) {
      LOG.warn("ack of {} not confirmed in {}; a redelivery will find its result and skip it", id, settings.timeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void nak(Message msg) {
    Duration delay = settings.nakDelay();
    if (delay.isZero()) {
      msg.nak();
    } else {
      msg.nakWithDelay(delay);
    }
  }

  private void publishProgress(String id, dev.analyzer.core.protocol.ProgressUpdate update) {
    try {
      connection.nats().publish(connection.names().progressSubject(id), codec.encodeToBytes(update));
    } catch (RuntimeException e) {
      LOG.debug("progress of {} not sent: {}", id, e.toString());
    }
  }

  private static String describe(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
        || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getClass().getSimpleName() + ": " + c.getMessage();
  }
}
