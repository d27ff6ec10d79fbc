package dev.analyzer.service.internal;

import dev.analyzer.core.protocol.AnalysisRequest;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.service.CancellationReason;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The analyses in flight, bounded by {@code ANALYZER_MAX_CONCURRENT_ANALYSES}. An analysis holds
 * its slot until its thread has returned, so the bound counts real work, including an analysis
 * that was cancelled but whose code has not yet noticed.
 *
 * <p>Analyses beyond the bound wait in a first-come-first-served line of at most
 * {@code ANALYZER_MAX_QUEUED_ANALYSES} ({@link Admission}); each is told its position with a
 * {@code progress_update} of stage {@code queued} when it arrives and whenever the position changes,
 * and one of stage {@code started} when it gets its slot. Only past the line is the answer
 * {@code busy}. A waiting analysis keeps its deadline (counted from arrival) and can be cancelled
 * (cancel_request, disconnect, deadline): it gets its terminal reply at once and leaves the line.
 * When the service starts draining, the waiting ones are answered {@code busy} at once, so that
 * their clients can take them to another replica.
 *
 * <p>Analyses taken from the queue (queue mode, {@link #startQueued}) share the slots as background
 * work ({@link Admission}): one starts only when a slot is free and no WebSocket analysis waits,
 * at most {@code ANALYZER_QUEUE_MAX_CONCURRENT} at once; otherwise it waits, behind every
 * WebSocket analysis, and never gets {@code busy}. A WebSocket analysis is never {@code busy}
 * because queue analyses hold the slots: each adds a place to its line.
 *
 * <p>Cancellation work (killing process trees) runs on the control executor, never on a Netty event
 * loop. Thread-safe.
 */
public final class AnalysisRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(AnalysisRegistry.class);

  /** What {@link #start} did with an analysis. */
  public enum StartResult { STARTED, QUEUED, BUSY, DUPLICATE_ID }

  private final ServiceRuntime runtime;
  private final ExecutorService analysisExecutor;
  private final ExecutorService controlExecutor;
  private final ExecutorService ioExecutor;
  private final ScheduledExecutorService timers;
  private final Object lock = new Object();
  /** Guarded by {@link #lock}. */
  private final Admission<RunningAnalysis> admission;
  /** Guarded by {@link #lock}: once set, nothing more is queued. */
  private boolean closedToWaiting;
  private final Map<String, RunningAnalysis> running = new ConcurrentHashMap<>();
  private final Map<RunningAnalysis, ScheduledFuture<?>> deadlines = new ConcurrentHashMap<>();

  public AnalysisRegistry(ServiceRuntime runtime, ExecutorService analysisExecutor, ExecutorService controlExecutor,
      ExecutorService ioExecutor, ScheduledExecutorService timers) {
    this(runtime, analysisExecutor, controlExecutor, ioExecutor, timers, runtime.settings().maxConcurrentAnalyses());
  }

  /** As above, with at most {@code maxQueueAnalyses} (1..max concurrent) slots for analyses taken from the queue. */
  public AnalysisRegistry(ServiceRuntime runtime, ExecutorService analysisExecutor, ExecutorService controlExecutor,
      ExecutorService ioExecutor, ScheduledExecutorService timers, int maxQueueAnalyses) {
    this.runtime = runtime;
    this.analysisExecutor = analysisExecutor;
    this.controlExecutor = controlExecutor;
    this.ioExecutor = ioExecutor;
    this.timers = timers;
    this.admission = new Admission<>(runtime.settings().maxConcurrentAnalyses(),
        runtime.settings().maxQueuedAnalyses(), maxQueueAnalyses);
    runtime.registry(this);
  }

  /** Starts {@code request} on an analysis thread, queues it, or says why not. */
  StartResult start(AnalysisRequest request, Channel channel) {
    Duration timeout = deadlineOf(request, runtime.settings().analysisTimeout());
    RunningAnalysis analysis = new RunningAnalysis(runtime, request, new WebSocketReplies(runtime, channel), timeout,
        ioExecutor);
    if (running.putIfAbsent(request.id(), analysis) != null) {
      return StartResult.DUPLICATE_ID;
    }
    // Scheduled before the analysis can run and end, so ended() always finds it to cancel.
    deadlines.put(analysis, timers.schedule(() -> cancelAsync(analysis, CancellationReason.DEADLINE),
        timeout.toNanos(), TimeUnit.NANOSECONDS));
    Admission.Decision decision;
    synchronized (lock) {
      decision = closedToWaiting && admission.running() >= admission.maxRunning()
          ? Admission.Decision.FULL : admission.admit(analysis);
      if (decision == Admission.Decision.QUEUED) {
        tellPositions();
      }
    }
    switch (decision) {
      case RUN:
        return launch(analysis) ? StartResult.STARTED : StartResult.BUSY;
      case QUEUED:
        LOG.info("analysis {} queued: {} running, {} waiting", request.id(), inFlight(), queued());
        return StartResult.QUEUED;
      default:
        forget(analysis);
        return StartResult.BUSY;
    }
  }

  /**
   * Starts {@code request}, taken from the queue, when a slot is free for it, else lets it wait
   * behind the WebSocket analyses (see the class comment); its replies go to {@code replies}.
   * Never {@link StartResult#BUSY}: the queue worker bounds how many it holds.
   */
  StartResult startQueued(AnalysisRequest request, QueueReplies replies) {
    Duration timeout = deadlineOf(request, runtime.settings().analysisTimeout());
    RunningAnalysis analysis = new RunningAnalysis(runtime, request, replies, timeout, ioExecutor);
    if (running.putIfAbsent(request.id(), analysis) != null) {
      return StartResult.DUPLICATE_ID;
    }
    deadlines.put(analysis, timers.schedule(() -> cancelAsync(analysis, CancellationReason.DEADLINE),
        timeout.toNanos(), TimeUnit.NANOSECONDS));
    boolean run;
    synchronized (lock) {
      run = admission.admitBackground(analysis);
    }
    if (run) {
      return launch(analysis) ? StartResult.STARTED : StartResult.BUSY;
    }
    LOG.info("queued analysis {} waits for a slot: {} running, {} WebSocket analyses waiting", request.id(),
        inFlight(), queued());
    return StartResult.QUEUED;
  }

  /** Hands {@code analysis}, which holds a slot, to an analysis thread; false (slot freed) when the executor refuses. */
  private boolean launch(RunningAnalysis analysis) {
    try {
      analysisExecutor.execute(() -> run(analysis));
      return true;
    } catch (RejectedExecutionException e) {
      ended(analysis);
      return false;
    }
  }

  /** Tells every waiting analysis whose position changed its new one. Caller holds {@link #lock}. */
  private void tellPositions() {
    List<RunningAnalysis> line = admission.waiting();
    for (int i = 0; i < line.size(); i++) {
      line.get(i).queuedAt(i + 1, line.size(), admission.running());
    }
  }

  /** Drops an analysis that never ran and holds no slot: its id and its deadline. */
  private void forget(RunningAnalysis analysis) {
    running.remove(analysis.request().id(), analysis);
    ScheduledFuture<?> deadline = deadlines.remove(analysis);
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  /** A request's {@code timeout_seconds} may shorten the service's deadline, never lengthen it. */
  static Duration deadlineOf(AnalysisRequest request, Duration serviceTimeout) {
    if (request.timeoutSeconds() == null) {
      return serviceTimeout;
    }
    Duration asked = Duration.ofSeconds(request.timeoutSeconds());
    return asked.compareTo(serviceTimeout) < 0 ? asked : serviceTimeout;
  }

  private void run(RunningAnalysis analysis) {
    MDC.put("correlation_id", analysis.request().id());
    try {
      LOG.info("analysis {} started: {} model={} app={}", analysis.request().id(), analysis.request().type(),
          analysis.request().modelSlug(), analysis.request().appNumber());
      analysis.execute();
    } finally {
      ended(analysis);
      MDC.remove("correlation_id");
    }
  }

  /** Called instead of {@link #replied} when the analysis was refused before it began (its source path). */
  void refused(RunningAnalysis analysis) {
    ScheduledFuture<?> deadline = deadlines.remove(analysis);
    if (deadline != null) {
      deadline.cancel(false);
    }
    LOG.info("analysis {} refused: source_path not allowed", analysis.request().id());
  }

  /** Called once when the analysis's terminal reply is written. */
  void replied(RunningAnalysis analysis, ResultStatus status) {
    ScheduledFuture<?> deadline = deadlines.remove(analysis);
    if (deadline != null) {
      deadline.cancel(false);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - analysis.startedNanos());
    analysis.countStarted();
    runtime.metrics().analysisFinished(analysis.request().type().wire(), status, took);
    LOG.info("analysis {} finished: {} in {} ms", analysis.request().id(), status, took.toMillis());
  }

  /** Called once when the analysis thread has returned: frees its slot, which the head of the line takes. */
  private void ended(RunningAnalysis analysis) {
    forget(analysis);
    RunningAnalysis next;
    synchronized (lock) {
      next = admission.release(analysis.fromQueue());
      if (next != null) {
        next.dequeued();
        tellPositions();
      }
    }
    if (next != null && !launch(next)) {
      cancelAsync(next, CancellationReason.SHUTDOWN);
    }
  }

  /**
   * Stops {@code analysis} (blocking while its processes die); one that was still waiting leaves
   * the line first, and is forgotten once it replied.
   */
  private void cancelNow(RunningAnalysis analysis, CancellationReason reason) {
    boolean waited;
    synchronized (lock) {
      waited = admission.remove(analysis);
      if (waited) {
        tellPositions();
      }
    }
    analysis.cancel(reason);
    if (waited) {
      forget(analysis);
    }
  }

  /**
   * Closes the line (the service is draining): every waiting analysis is answered {@code busy} with
   * {@code message} and forgotten, and later arrivals that find no free slot are refused.
   */
  public void refuseWaiting(String message) {
    List<RunningAnalysis> waiting;
    synchronized (lock) {
      closedToWaiting = true;
      waiting = admission.drainWaiting();
    }
    for (RunningAnalysis a : waiting) {
      a.refuseWaiting(message);
      forget(a);
    }
    if (!waiting.isEmpty()) {
      LOG.info("draining: {} waiting analyses answered busy", waiting.size());
    }
  }

  /**
   * Cancels the analysis {@code id} asynchronously.
   *
   * @return false when no analysis with that id is running
   */
  public boolean cancel(String id, CancellationReason reason) {
    RunningAnalysis analysis = running.get(id);
    if (analysis == null || analysis.hasReplied()) {
      return false;
    }
    cancelAsync(analysis, reason);
    return true;
  }

  /** Cancels the analysis running on {@code channel}, if any (the client went away). */
  void cancelChannel(Channel channel, CancellationReason reason) {
    for (RunningAnalysis a : running.values()) {
      if (a.channel() == channel && !a.hasReplied()) {
        cancelAsync(a, reason);
      }
    }
  }

  /** True when {@code channel} has an analysis that has not replied yet. */
  boolean hasActiveAnalysis(Channel channel) {
    for (RunningAnalysis a : running.values()) {
      if (a.channel() == channel && !a.hasReplied()) {
        return true;
      }
    }
    return false;
  }

  private void cancelAsync(RunningAnalysis analysis, CancellationReason reason) {
    try {
      controlExecutor.execute(() -> cancelNow(analysis, reason));
    } catch (RejectedExecutionException e) {
      cancelNow(analysis, reason);
    }
  }

  /** Analyses whose threads have not returned yet (each holds a slot). */
  public int inFlight() {
    synchronized (lock) {
      return admission.running();
    }
  }

  /** WebSocket analyses waiting for a slot. */
  public int queued() {
    synchronized (lock) {
      return admission.queued();
    }
  }

  /** Slots held by analyses taken from the queue. */
  public int queueAnalysesRunning() {
    synchronized (lock) {
      return admission.backgroundRunning();
    }
  }

  /** Analyses taken from the queue that wait for a slot. */
  public int queueAnalysesWaiting() {
    synchronized (lock) {
      return admission.backgroundQueued();
    }
  }

  /** Analyses that have not replied yet. */
  public int awaitingReply() {
    int n = 0;
    for (RunningAnalysis a : running.values()) {
      if (!a.hasReplied()) {
        n++;
      }
    }
    return n;
  }

  /** Waits until no analysis awaits its reply, or {@code timeout} passes. */
  public boolean awaitReplies(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (awaitingReply() > 0) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Cancels every analysis that has not replied, and waits for the cancellations to complete. */
  public void cancelAll(CancellationReason reason) {
    List<RunningAnalysis> all = new ArrayList<>(running.values());
    for (RunningAnalysis a : all) {
      cancelNow(a, reason);
    }
  }
}
