package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.AnalysisResult;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.ProgressUpdate;
import dev.analyzer.service.AnalysisContext;
import dev.analyzer.service.AnalysisOutcome;
import dev.analyzer.service.CancellationReason;
import dev.analyzer.service.process.ProcessRunner;
import dev.analyzer.service.process.internal.ProcessScope;
import dev.analyzer.service.process.internal.ProcessTrees;
import dev.analyzer.service.process.internal.ScopedProcessRunner;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One analysis in flight: its {@link AnalysisContext}, its processes, and the guarantee that exactly
 * one terminal reply is written to its {@link AnalysisReplies} (on a WebSocket followed by close
 * 1000 "Analysis complete"; from the queue into the worker's stage).
 *
 * <p>On its analysis thread it first checks the request's {@code source_path} against the source
 * roots (file-system work, so never on the event loop) and answers a path it refuses with an
 * {@code invalid_request} error; only then does the service's code run.
 *
 * <p>Cancellation (cancel_request, deadline, disconnect, shutdown) runs the on-cancel hooks, kills
 * every process tree, interrupts the analysis thread and replies {@code cancelled}/{@code timeout}
 * at once, even if the service's code is slow to notice. The interrupt is targeted: it is sent
 * under a lock only while this analysis's code runs on the thread, and the thread clears that
 * state (and any interrupt) under the same lock before it can take other work, so a cancel that
 * arrives as the analysis ends never interrupts the next analysis on the same thread. Thread-safe.
 */
final class RunningAnalysis implements AnalysisContext {

  private static final Logger LOG = LoggerFactory.getLogger(RunningAnalysis.class);
  static final String CLOSE_REASON = "Analysis complete";

  private final ServiceRuntime runtime;
  private final AnalysisRequest request;
  private final AnalysisReplies replies;
  private volatile Path sourcePath;
  private final Instant deadline;
  private final Duration timeout;
  private final ProcessScope scope = new ProcessScope(ProcessTrees.DEFAULT_GRACE);
  private final ScopedProcessRunner runner;
  private final List<OnceHook> hooks = new CopyOnWriteArrayList<>();
  private final AtomicReference<CancellationReason> cancelled = new AtomicReference<>();
  private final AtomicBoolean replied = new AtomicBoolean();
  private final long startedNanos = System.nanoTime();
  private final Object interruptLock = new Object();
  /** The thread running the service's code, or null; written and interrupted only under interruptLock. */
  private Thread worker;
  private final AtomicBoolean startCounted = new AtomicBoolean();
  /** The last queue position told (0: never queued); written under the registry's lock. */
  private int toldPosition;
  private volatile long queuedSinceNanos;

  RunningAnalysis(ServiceRuntime runtime, AnalysisRequest request, AnalysisReplies replies, Duration timeout,
      ExecutorService ioExecutor) {
    this.runtime = runtime;
    this.request = request;
    this.replies = replies;
    this.timeout = timeout;
    this.deadline = runtime.clock().instant().plus(timeout);
    this.runner = new ScopedProcessRunner(scope, ioExecutor, ProcessTrees.DEFAULT_GRACE);
  }

  /** The WebSocket connection it came on, or null for an analysis taken from the queue. */
  Channel channel() {
    return replies.channel();
  }

  /** True for an analysis taken from the queue (background work for the slots). */
  boolean fromQueue() {
    return replies.channel() == null;
  }

  long startedNanos() {
    return startedNanos;
  }

  /** Checks the source path, runs the service's analysis on the calling (analysis) thread and replies. */
  void execute() {
    Thread.interrupted(); // a stray interrupt aimed at earlier work on this thread is not ours
    if (isCancelled() || !sourceAccepted()) {
      scope.close();
      return;
    }
    countStarted();
    synchronized (interruptLock) {
      worker = Thread.currentThread();
    }
    AnalysisOutcome outcome;
    try {
      if (isCancelled()) {
        return;
      }
      outcome = runtime.service().analyze(this);
      if (outcome == null) {
        outcome = AnalysisOutcome.error("the service returned no outcome");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = AnalysisOutcome.error("analysis interrupted");
    } catch (Throwable t) {
      LOG.warn("analysis {} failed", request.id(), t);
      outcome = AnalysisOutcome.error("internal error: " + describe(t));
    } finally {
      synchronized (interruptLock) {
        worker = null;
        Thread.interrupted();
      }
      scope.close();
    }
    if (cancelled.get() != null) {
      LOG.debug("analysis {} returned {} after it was cancelled; reply already sent", request.id(), outcome.status());
      return;
    }
    reply(AnalysisResult.of(request, runtime.service().name(), runtime.clock().instant(), outcome.status(),
        withToolReport(outcome.analysis()), outcome.error()), null);
  }

  /**
   * The analysis with {@code tools_available} and {@code tool_versions} of the tools the service
   * detected, unless the service put them there itself: every result says what could run.
   */
  private dev.analyzer.core.protocol.Analysis withToolReport(dev.analyzer.core.protocol.Analysis a) {
    if (a == null || tools().isEmpty() || a.extra().containsKey("tools_available")) {
      return a;
    }
    java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>(a.extra());
    toolReport().forEach(extra::putIfAbsent);
    return new dev.analyzer.core.protocol.Analysis(a.modelSlug(), a.appNumber(), a.analysisTime(), a.status(),
        a.toolsUsed(), a.results(), a.summary(), a.findings(), a.error(), extra);
  }

  /**
   * Stops the analysis. Blocks while the process trees are killed, so call it off the event loop.
   *
   * @return false when it had already been cancelled or had replied
   */
  boolean cancel(CancellationReason reason) {
    if (replied.get() || !cancelled.compareAndSet(null, reason)) {
      return false;
    }
    LOG.info("analysis {} cancelled: {}", request.id(), reason.description());
    for (OnceHook hook : hooks) {
      hook.runOnce();
    }
    scope.close();
    synchronized (interruptLock) {
      if (worker != null) {
        worker.interrupt();
      }
    }
    String why = reason == CancellationReason.DEADLINE
        ? "analysis ran past its deadline of " + timeout.toSeconds() + " s" : reason.description();
    reply(AnalysisResult.failed(request, runtime.service().name(), runtime.clock().instant(), reason.status(), why),
        reason);
    return true;
  }

  /**
   * Tells the client it waits at {@code position} (1 = next) of {@code length}, unless that is what
   * it was told last. Called under the registry's lock; only enqueues a write.
   */
  void queuedAt(int position, int length, int running) {
    if (position == toldPosition) {
      return;
    }
    if (toldPosition == 0) {
      queuedSinceNanos = System.nanoTime();
    }
    toldPosition = position;
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("queue_position", position);
    data.put("queue_length", length);
    emit("queued", "waiting for a free slot: position " + position + " of " + length + " (" + running
        + " analyses running, limit " + runtime.settings().maxConcurrentAnalyses() + ")", data);
  }

  /** Tells a client whose analysis waited that it got its slot. Called under the registry's lock. */
  void dequeued() {
    if (toldPosition == 0) {
      return;
    }
    long waitedMillis = (System.nanoTime() - queuedSinceNanos) / 1_000_000;
    emit("started", "started after " + waitedMillis + " ms in the queue", Map.of("queued_ms", waitedMillis));
  }

  /** Answers a waiting analysis {@code busy} (the service is draining), then closes 1000; it never runs. */
  void refuseWaiting(String message) {
    cancelled.compareAndSet(null, CancellationReason.SHUTDOWN);
    if (!replied.compareAndSet(false, true)) {
      return;
    }
    replies.refuse(ErrorCode.BUSY, message, request.id());
  }

  private void emit(String stage, String message, Map<String, ?> data) {
    ProgressUpdate update = new ProgressUpdate(request.id(), runtime.service().name(), stage, message, null, null,
        null, runtime.clock().instant(), new java.util.LinkedHashMap<>(data));
    runtime.gateway().publish(update);
    if (!replied.get()) {
      replies.progress(update);
    }
  }

  /** Resolves {@code source_path}; false (after an {@code invalid_request} reply) when it is refused. */
  private boolean sourceAccepted() {
    if (request.sourcePath() == null) {
      return true;
    }
    try {
      sourcePath = runtime.sourceRoots().resolveRequested(request.sourcePath());
      return true;
    } catch (IllegalArgumentException e) {
      if (replied.compareAndSet(false, true)) {
        runtime.registry().refused(this);
        replies.refuse(ErrorCode.INVALID_REQUEST, e.getMessage(), request.id());
      }
      return false;
    }
  }

  /**
   * Counts the analysis as started in the metrics, once: when its code is about to run, or when it
   * is cancelled before that (so that started never lags finished).
   */
  void countStarted() {
    if (startCounted.compareAndSet(false, true)) {
      runtime.metrics().analysisStarted(request.type().wire());
    }
  }

  /** Writes the terminal reply once (on a WebSocket followed by close 1000 "Analysis complete"). */
  private void reply(AnalysisResult result, CancellationReason cancelledBy) {
    if (!replied.compareAndSet(false, true)) {
      return;
    }
    runtime.registry().replied(this, result.status());
    replies.result(result, cancelledBy);
  }

  boolean hasReplied() {
    return replied.get();
  }

  @Override
  public AnalysisRequest request() {
    return request;
  }

  @Override
  public Optional<Path> sourcePath() {
    return Optional.ofNullable(sourcePath);
  }

  @Override
  public Path resolveSource(Path path) {
    return runtime.sourceRoots().resolve(path);
  }

  @Override
  public void progress(String stage, String message, Double percent, Integer completed, Integer total) {
    progress(stage, message, percent, completed, total, Map.of());
  }

  @Override
  public void progress(String stage, String message, Double percent, Integer completed, Integer total,
      Map<String, ?> data) {
    if (replied.get()) {
      return;
    }
    Double bounded = percent == null ? null : Math.max(0, Math.min(100, percent));
    ProgressUpdate update = new ProgressUpdate(request.id(), runtime.service().name(), stage, message, bounded,
        completed == null ? null : Math.max(0, completed), total == null ? null : Math.max(0, total),
        runtime.clock().instant(), data == null ? Map.of() : new java.util.LinkedHashMap<>(data));
    runtime.gateway().publish(update);
    replies.progress(update);
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get() != null;
  }

  @Override
  public Optional<CancellationReason> cancellation() {
    return Optional.ofNullable(cancelled.get());
  }

  @Override
  public void onCancel(Runnable hook) {
    OnceHook once = new OnceHook(hook);
    hooks.add(once);
    if (isCancelled()) {
      once.runOnce();
    }
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public ProcessRunner processes() {
    return runner;
  }

  @Override
  public Clock clock() {
    return runtime.clock();
  }

  @Override
  public String serviceName() {
    return runtime.service().name();
  }

  @Override
  public java.util.List<dev.analyzer.service.ToolInfo> tools() {
    return runtime.tools();
  }

  /** A hook that runs at most once, whichever of cancel() and onCancel() gets to it first. */
  private final class OnceHook {
    private final Runnable hook;
    private final AtomicBoolean ran = new AtomicBoolean();

    OnceHook(Runnable hook) {
      this.hook = hook;
    }

    void runOnce() {
      if (!ran.compareAndSet(false, true)) {
        return;
      }
      try {
        hook.run();
      } catch (RuntimeException e) {
        LOG.warn("on-cancel hook of analysis {} failed", request.id(), e);
      }
    }
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
  }
}
