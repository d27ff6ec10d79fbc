package dev.analyzer.client.queue;

import dev.analyzer.client.ClientFailure;
import dev.analyzer.client.dedup.RequestDeduplicator;
import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.Message;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.queue.QueueException;
import dev.analyzer.queue.QueueNames;
import dev.analyzer.queue.SubmitReceipt;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One analysis through the queue, shared by the callers the deduplicator merged: it takes the
 * transport's session (connecting when needed), subscribes to the progress of its id, queues the
 * request and waits for its one stored result. {@link #result()} completes exactly once, always
 * normally, with the stored result or a client failure reply ({@link QueueReplies}).
 *
 * <ul>
 *   <li>Cancel and the deadline complete the result at once; a request already queued then gets a
 *       cancel to the workers ({@code QueueSubmitter.cancel}: the worker running it is told to stop,
 *       and one not yet taken never runs). One not yet queued is never queued.</li>
 *   <li>The remote cancel is sent at most once, whichever of "queued" and "stopped" comes second.</li>
 *   <li>Blocking NATS calls run on the transport's executor, never on the caller's thread.</li>
 * </ul>
 *
 * Thread-safe.
 */
final class QueueAnalysis implements RequestDeduplicator.SharedCall {

  private static final Logger LOG = LoggerFactory.getLogger(QueueAnalysis.class);

  private final QueueTransport transport;
  private final AnalysisRequest request;
  private final Duration timeout;
  private final Consumer<ProgressUpdate> progress;
  private final String service;
  private final KindCounters counters;
  private final CompletableFuture<Message> result = new CompletableFuture<>();
  private final long startNanos = System.nanoTime();
  private boolean settled;
  private QueueSession queuedOn;
  private boolean remoteCancelled;
  private String stopReason;
  private AutoCloseable progressSubscription;
  private ScheduledFuture<?> deadline;

  QueueAnalysis(QueueTransport transport, AnalysisRequest request, Duration timeout, Consumer<ProgressUpdate> progress,
      KindCounters counters) {
    this.transport = transport;
    this.request = request;
    this.timeout = timeout;
    this.progress = progress;
    this.service = request.kind().defaultServiceName();
    this.counters = counters;
  }

  /** Arms the deadline and starts queuing off the caller's thread; returns this. */
  QueueAnalysis start() {
    counters.started();
    ScheduledFuture<?> d = transport.timer().schedule(() -> stop(ClientFailure.TIMEOUT,
        "no reply within the deadline of " + timeout.toMillis() / 1000.0 + " s"), timeout.toNanos(), TimeUnit.NANOSECONDS);
    synchronized (this) {
      deadline = d;
    }
    try {
      QueueNames.checkId(request.id());
    } catch (IllegalArgumentException e) {
      complete(ClientFailure.ERROR.reply(e.getMessage(), request.id(), service, transport.clock().instant()), true, false);
      return this;
    }
    transport.session().whenComplete((session, error) -> onOwnThread("queuing", () -> queueOn(session, error)));
    return this;
  }

  @Override
  public CompletableFuture<Message> result() {
    return result;
  }

  @Override
  public void cancel() {
    stop(ClientFailure.CANCELLED, "cancelled by the caller");
  }

  @Override
  public void timeOut() {
    stop(ClientFailure.TIMEOUT, "no reply within the caller's deadline");
  }

  private void queueOn(QueueSession session, Throwable connectError) {
    String id = request.id();
    if (connectError != null) {
      LOG.info("analysis {}: the queue is unreachable: {}", id, QueueReplies.describe(connectError));
      complete(QueueReplies.notQueued(connectError, id, service, transport.clock().instant()), true, false);
      return;
    }
    if (!session.connected()) {
      // fail fast, as an open breaker does: a publish now would wait ANALYZER_QUEUE_TIMEOUT in the
      // reconnect buffer and might still land after the caller was told it failed
      complete(ClientFailure.UNREACHABLE.reply("the NATS connection to " + session.servers() + " is " + session.status()
          + ": the request was not queued", id, service, transport.clock().instant()), true, false);
      return;
    }
    SubmitReceipt receipt;
    try {
      if (!subscribeProgress(session)) {
        return;
      }
      receipt = session.submitter().submit(request);
    } catch (QueueException | IllegalStateException e) {
      LOG.info("analysis {}: not queued: {}", id, e.getMessage());
      complete(QueueReplies.notQueued(e, id, service, transport.clock().instant()), true, false);
      return;
    }
    counters.queued();
    LOG.debug("analysis {} queued as #{} of {}{}", id, receipt.streamSequence(), receipt.kind().wire(),
        receipt.duplicate() ? " (a copy was queued already)" : "");
    String cancelNow = null;
    synchronized (this) {
      queuedOn = session;
      if (settled && !remoteCancelled) {
        remoteCancelled = true;
        cancelNow = stopReason == null ? "the client gave the analysis up" : stopReason;
      }
    }
    if (cancelNow != null) {
      cancelRemote(session, cancelNow);
      return;
    }
    CompletableFuture<AnalysisResult> awaited;
    try {
      awaited = session.submitter().awaitResult(id);
    } catch (QueueException e) {
      complete(QueueReplies.lost(e, id, service, transport.clock().instant()), true, false);
      return;
    }
    awaited.whenComplete((stored, error) -> onOwnThread("reading the result", () -> onResult(stored, error)));
  }

  /** Runs {@code step} on the transport's threads, or ends the analysis when the transport is closed. */
  private void onOwnThread(String what, Runnable step) {
    if (isSettled()) {
      return;
    }
    if (!transport.runBlocking(what + " of " + request.id(), step)) {
      complete(ClientFailure.ERROR.reply("the client is closed", request.id(), service, transport.clock().instant()),
          false, false);
    }
  }

  /** Subscribes to the progress of the id; false (nothing subscribed) when the analysis ended meanwhile. */
  private boolean subscribeProgress(QueueSession session) {
    if (isSettled()) {
      return false;
    }
    AutoCloseable sub = session.onProgress(request.id(), this::onProgress);
    synchronized (this) {
      if (!settled) {
        progressSubscription = sub;
        return true;
      }
    }
    closeQuietly(sub);
    return false;
  }

  private void onProgress(ProgressUpdate update) {
    if (!isSettled()) {
      transport.deliverProgress(() -> progress.accept(update));
    }
  }

  private void onResult(AnalysisResult stored, Throwable error) {
    java.time.Instant now = transport.clock().instant();
    if (error != null) {
      complete(QueueReplies.lost(error, request.id(), service, now), true, false);
      return;
    }
    Message reply = QueueReplies.fromResult(stored, request.id(), service, now);
    boolean failed = reply != stored;
    complete(reply, failed, !failed);
  }

  /** Ends the analysis from the client side; a queued request gets its cancel to the workers. */
  private void stop(ClientFailure why, String message) {
    QueueSession session;
    synchronized (this) {
      if (settled) {
        return;
      }
      settled = true;
      stopReason = message;
      session = queuedOn;
      if (session != null) {
        remoteCancelled = true;
      }
    }
    deliver(why.reply(message, request.id(), service, transport.clock().instant()), why == ClientFailure.TIMEOUT,
        false);
    if (session != null) {
      transport.runBlocking("the cancel of " + request.id(), () -> cancelRemote(session, message));
    }
  }

  private void cancelRemote(QueueSession session, String reason) {
    try {
      session.submitter().cancel(request.id(), request.kind(), reason);
      LOG.info("analysis {}: cancel sent to the workers ({})", request.id(), reason);
    } catch (RuntimeException e) {
      LOG.warn("analysis {}: the cancel did not reach the queue, a worker may run it to its end: {}", request.id(),
          e.toString());
    }
  }

  /** Settles with {@code reply} unless settled already; see {@link #deliver}. */
  private void complete(Message reply, boolean failed, boolean timed) {
    synchronized (this) {
      if (settled) {
        return;
      }
      settled = true;
    }
    deliver(reply, failed, timed);
  }

  /**
   * Completes the result (once settled): {@code failed} counts it as the transport's failure,
   * {@code timed} records its latency.
   */
  private void deliver(Message reply, boolean failed, boolean timed) {
    ScheduledFuture<?> d;
    AutoCloseable sub;
    synchronized (this) {
      d = deadline;
      sub = progressSubscription;
      progressSubscription = null;
    }
    if (d != null) {
      d.cancel(false);
    }
    closeQuietly(sub);
    counters.ended(failed, timed ? Duration.ofNanos(System.nanoTime() - startNanos) : null);
    result.complete(reply);
  }

  private synchronized boolean isSettled() {
    return settled;
  }

  private void closeQuietly(AutoCloseable sub) {
    if (sub == null) {
      return;
    }
    try {
      sub.close();
    } catch (Exception e) {
      LOG.debug("analysis {}: progress subscription did not close: {}", request.id(), e.toString());
    }
  }
}
