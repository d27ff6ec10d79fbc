package dev.analyzer.client;

import dev.analyzer.client.task.ManagedTask;
import dev.analyzer.client.task.TaskState;
import dev.analyzer.core.protocol.Message;
import java.util.concurrent.CompletableFuture;

/**
 * One submitted analysis: its id, its reply and a way to cancel it.
 *
 * <p>{@link #result()} always completes normally: with the service's terminal reply (an
 * {@link dev.analyzer.core.protocol.AnalysisResult} or an {@code error} frame) or with a client
 * failure reply ({@link ClientFailure#of}). Cancelling the returned future does not cancel the
 * analysis; call {@link #cancel()}. Thread-safe.
 */
public final class AnalysisHandle {

  private final ManagedTask task;
  private final CompletableFuture<Message> result;
  private final boolean shared;

  AnalysisHandle(ManagedTask task, CompletableFuture<Message> result, boolean shared) {
    this.task = task;
    this.result = result;
    this.shared = shared;
  }

  /** The request id (also the task id and the reply's correlation_id). */
  public String id() {
    return task.id();
  }

  /** The reply; see the class comment. */
  public CompletableFuture<Message> result() {
    return result.thenApply(m -> m);
  }

  /**
   * Cancels this caller's analysis: its reply becomes {@code cancelled} at once; the service gets a
   * {@code cancel_request} (and kills its processes) unless other callers still share the analysis.
   */
  public void cancel() {
    task.cancel();
  }

  /** The task's state. */
  public TaskState state() {
    return task.state();
  }

  /** True when this request joined an identical analysis already in flight instead of starting one. */
  public boolean isDeduplicated() {
    return shared;
  }
}
