package dev.analyzer.queue;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import java.util.concurrent.CompletionStage;

/**
 * Runs one queued analysis for a {@link QueueWorker}. The service base implements it with the
 * same analysis code that serves the WebSocket.
 *
 * <p>Obligations: return promptly (the work runs on the handler's own threads or on the worker's
 * handler pool, which has {@code maxConcurrent} threads); complete the stage with the terminal
 * reply, whose {@code correlation_id} is the request id, or with {@code cancelled}
 * once {@code cancel} fires. An analysis that ran and failed is a normal result with a failure
 * status. Completing exceptionally (or throwing) means "could not run here": the request is
 * delivered again after the nak delay and dead-lettered after {@code max_deliver} deliveries.
 * Implementations must be thread-safe: analyses run concurrently.
 *
 * @see dev.analyzer.core.protocol.ResultStatus
 */
@FunctionalInterface
public interface QueueHandler {

  /**
   * Starts {@code request}.
   *
   * @param progress where progress frames go (core NATS {@code <prefix>.progress.<id>})
   * @param cancel fires when the caller cancels or the worker hands the request back on shutdown
   */
  CompletionStage<AnalysisResult> handle(AnalysisRequest request, ProgressSink progress, CancellationSignal cancel);
}
