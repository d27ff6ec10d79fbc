package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.CancellationSignal;
import dev.analyzer.queue.ProgressSink;
import dev.analyzer.queue.QueueHandler;
import dev.analyzer.service.CancellationReason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link QueueHandler} of queue mode: runs each request taken from the queue exactly as a
 * WebSocket analysis runs (the same {@link AnalysisRegistry}, so the same slots, deadline,
 * source-root and path-map checks, progress, and process-tree kill on cancel), with its replies
 * going to the queue ({@link QueueReplies}). The caller's cancel becomes
 * {@link CancellationReason#CANCEL_REQUEST}; the worker handing the request back on shutdown
 * becomes {@link CancellationReason#SHUTDOWN}, which stores nothing. Counts what it took, what
 * ended with a result and what could not run. Thread-safe.
 */
final class QueueAnalyses implements QueueHandler {

  /** The reason prefix the queue worker gives when it hands a request back. */
  static final String HANDED_BACK = "worker shutting down";

  private final ServiceRuntime runtime;
  private final AtomicLong consumed = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  QueueAnalyses(ServiceRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public CompletionStage<AnalysisResult> handle(AnalysisRequest request, ProgressSink progress, CancellationSignal cancel) {
    consumed.incrementAndGet();
    CompletableFuture<AnalysisResult> done = new CompletableFuture<>();
    done.whenComplete((r, e) -> (e == null ? completed : failed).incrementAndGet());
    if (!runtime.service().requestTypes().contains(request.type()) || request.kind() != runtime.service().kind()) {
      done.complete(AnalysisResult.failed(request, runtime.service().name(), runtime.clock().instant(),
          ResultStatus.ERROR, runtime.service().name() + " does not serve " + request.type().wire() + " requests"));
      return done;
    }
    AnalysisRegistry registry = runtime.registry();
    switch (registry.startQueued(request, new QueueReplies(runtime, request, progress, done))) {
      case DUPLICATE_ID:
        done.completeExceptionally(new IllegalStateException("an analysis with id " + request.id()
            + " is already running on this service"));
        return done;
      case BUSY:
        done.completeExceptionally(new QueueReplies.ServiceStoppingException(runtime.service().name()
            + " is shutting down"));
        return done;
      default:
        break;
    }
    cancel.onCancel(() -> registry.cancel(request.id(), reasonOf(cancel)));
    return done;
  }

  private static CancellationReason reasonOf(CancellationSignal cancel) {
    return cancel.reason().filter(r -> r.startsWith(HANDED_BACK)).isPresent()
        ? CancellationReason.SHUTDOWN : CancellationReason.CANCEL_REQUEST;
  }

  /** Requests handed to this handler. */
  long consumed() {
    return consumed.get();
  }

  /** Requests that ended with a result for the queue (success, failure statuses, cancelled, timeout). */
  long completed() {
    return completed.get();
  }

  /** Requests that could not run here (handed back for redelivery or dead-lettering). */
  long failed() {
    return failed.get();
  }
}
