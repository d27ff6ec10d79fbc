package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.queue.ProgressSink;
import dev.analyzer.service.CancellationReason;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * The replies of an analysis taken from the queue: progress to its {@link ProgressSink}, the
 * terminal result into the stage the queue worker stores and acks. Two cases differ from the
 * WebSocket: a path the source-root check refuses becomes an {@code error} result naming it (the
 * caller's request is wrong, running it again would not help); an analysis stopped because this
 * service shuts down completes the stage exceptionally, so the worker hands the request back for
 * another worker instead of storing {@code cancelled} for the caller. Thread-safe.
 */
final class QueueReplies implements AnalysisReplies {

  private final ServiceRuntime runtime;
  private final AnalysisRequest request;
  private final ProgressSink sink;
  private final CompletableFuture<AnalysisResult> done;

  QueueReplies(ServiceRuntime runtime, AnalysisRequest request, ProgressSink sink, CompletableFuture<AnalysisResult> done) {
    this.runtime = runtime;
    this.request = request;
    this.sink = sink;
    this.done = done;
  }

  @Override
  public Channel channel() {
    return null;
  }

  @Override
  public void progress(ProgressUpdate update) {
    sink.send(update);
  }

  @Override
  public void result(AnalysisResult result, CancellationReason cancelledBy) {
    if (cancelledBy == CancellationReason.SHUTDOWN) {
      done.completeExceptionally(new ServiceStoppingException(runtime.service().name()
          + " shut down before the analysis finished"));
    } else {
      done.complete(result);
    }
  }

  @Override
  public void refuse(ErrorCode code, String message, String correlationId) {
    if (code == ErrorCode.INVALID_REQUEST) {
      done.complete(AnalysisResult.failed(request, runtime.service().name(), runtime.clock().instant(),
          ResultStatus.ERROR, message));
    } else {
      done.completeExceptionally(new ServiceStoppingException(message));
    }
  }

  /** The analysis could not run to its end here because the service stops; another worker should take it. */
  static final class ServiceStoppingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ServiceStoppingException(String message) {
      super(message);
    }
  }
}
